from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from tests.factories import write_story

runner = CliRunner(env={"COLUMNS": "200"})


def _ingest(corpus_dir: Path, *extra: str) -> None:
    result = runner.invoke(app, ["ingest", str(corpus_dir), "--org", "acme", *extra])
    assert result.exit_code == 0, result.output


def test_ingest_then_search_json(corpus_dir: Path) -> None:
    result = runner.invoke(app, ["ingest", str(corpus_dir), "--org", "acme"])
    assert result.exit_code == 0, result.output
    assert "6 documents" in result.output and "6 embedded" in result.output
    again = runner.invoke(app, ["ingest", str(corpus_dir), "--org", "acme"])
    assert "0 embedded, 6 unchanged" in again.output
    found = runner.invoke(app, ["search", "hot battery", "--org", "acme", "--k", "2", "--json"])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)
    assert len(hits) == 2
    assert hits[0]["id"] == "story-battery-scare"
    assert {"id", "kind", "title", "score", "text"} <= set(hits[0])


def test_search_table_and_filters(corpus_dir: Path) -> None:
    _ingest(corpus_dir)
    result = runner.invoke(
        app, ["search", "junior", "--org", "acme", "--language", "nl", "--kind", "story"]
    )
    assert result.exit_code == 0, result.output
    assert "story-junior-idea" in result.output
    assert "story-battery-scare" not in result.output


def test_ingest_with_a_bad_file_loads_the_rest_and_exits_1(corpus_dir: Path) -> None:
    (corpus_dir / "stories" / "bad.md").write_text(
        "---\nid: bad\nkind: tale\n---\nx\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["ingest", str(corpus_dir), "--org", "acme"])
    assert result.exit_code == 1
    assert "bad.md:3: kind:" in result.stderr
    assert "1 file(s) had problems" in result.stderr
    assert "6 documents" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "", "--org", "acme"], "query: must not be empty"),
        (["search", "bikes", "--org", "acme", "--k", "0"], "k: must be between 1 and 100"),
        (["search", "bikes", "--org", "acme", "--k", "101"], "k: must be between 1 and 100"),
        (["search", "bikes", "--org", "acme", "--kind", "poem"], "Invalid value for '--kind'"),
        (["search", "bikes", "--org", "acme", "--value", "value-nope"], "value: unknown value id"),
        (["search", "bikes", "--org", "acme", "--tag", "nope"], "tag: unknown tag 'nope'"),
        (["search", "bikes", "--org", "nobody"], "organisation 'nobody' has no documents"),
        (["search", "bikes", "--org", "Bad Org"], "org: must be lowercase"),
    ],
)
def test_bad_search_input_exits_2_with_the_field(
    corpus_dir: Path, args: list[str], message: str
) -> None:
    _ingest(corpus_dir)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split())


def test_bad_input_writes_nothing(isolated_state: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing"), "--org", "acme"])
    assert result.exit_code == 2
    assert "corpus folder not found" in result.stderr
    result = runner.invoke(app, ["search", "bikes", "--org", "acme"])
    assert result.exit_code == 2
    assert "has no documents" in result.stderr
    result = runner.invoke(app, ["search", " ", "--org", "acme"])
    assert result.exit_code == 2
    assert not isolated_state.exists()


def test_removed_file_is_deleted_on_reingest(corpus_dir: Path) -> None:
    _ingest(corpus_dir)
    write_story(corpus_dir, "story-extra", "Extra", "About saddles.")
    _ingest(corpus_dir)
    (corpus_dir / "stories" / "story-extra.md").unlink()
    result = runner.invoke(app, ["ingest", str(corpus_dir), "--org", "acme"])
    assert "1 removed" in result.output
