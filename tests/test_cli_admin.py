from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.settings import get_settings
from service.store import Database, Role, find_api_key, list_people, list_stories

runner = CliRunner()


def test_create_key_prints_only_the_key_and_creates_org_and_person() -> None:
    result = runner.invoke(app, ["admin", "create-key", "--org", "acme", "--role", "reviewer"])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip()
    assert key.startswith("sc_") and "\n" not in key
    database = Database.open(get_settings())
    with database.transaction() as session:
        record = find_api_key(session, key)
        assert record is not None and record.person.role is Role.REVIEWER
        assert record.person.org_id == "acme" and record.person.name == "reviewer"
    again = runner.invoke(app, ["admin", "create-key", "--org", "acme", "--role", "reviewer"])
    with database.transaction() as session:
        assert len(list_people(session, "acme")) == 1 and again.exit_code == 0
    database.close()


def test_bad_input_exits_2() -> None:
    bad_org = runner.invoke(app, ["admin", "create-key", "--org", "No Way", "--role", "leader"])
    assert bad_org.exit_code == 2 and "org" in bad_org.output
    bad_role = runner.invoke(app, ["admin", "create-key", "--role", "boss"])
    assert bad_role.exit_code == 2


def test_seed_demo_prints_a_key_per_role_and_is_idempotent() -> None:
    first = runner.invoke(app, ["admin", "seed-demo"])
    second = runner.invoke(app, ["admin", "seed-demo"])
    assert first.exit_code == second.exit_code == 0, first.output
    for role in Role:
        assert role.value in second.stdout
    assert second.stdout.count("sc_") == len(Role)
    database = Database.open(get_settings())
    with database.transaction() as session:
        assert len(list_people(session, "demo")) == len(Role)
    database.close()


def test_revoke_key() -> None:
    key = runner.invoke(app, ["admin", "create-key", "--role", "member"]).stdout.strip()
    assert runner.invoke(app, ["admin", "revoke-key", key[:10]]).exit_code == 0
    assert runner.invoke(app, ["admin", "revoke-key", key[:10]]).exit_code == 2


def test_seed_demo_after_ingest_lays_down_the_history_once() -> None:
    assert runner.invoke(app, ["ingest"]).exit_code == 0
    first = runner.invoke(app, ["admin", "seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Demo history: 7 stories, 7 lessons (2 published)" in first.stdout
    second = runner.invoke(app, ["admin", "seed-demo"])
    assert second.exit_code == 0, second.output
    assert "already there, nothing added" in second.stdout
    assert second.stdout.count("sc_") == len(Role)
    database = Database.open(get_settings())
    with database.transaction() as session:
        assert len(list_stories(session, "demo")) == 7
    database.close()


def test_seed_demo_without_a_corpus_still_prints_keys_and_says_why_no_history() -> None:
    result = runner.invoke(app, ["admin", "seed-demo", "--org", "bare"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("sc_") == len(Role)
    assert "No demo history" in result.stdout and "storycoach ingest --org bare" in result.stdout
    skipped = runner.invoke(app, ["admin", "seed-demo", "--org", "bare", "--no-history"])
    assert skipped.exit_code == 0
    assert "demo history" not in skipped.stdout.lower()


def test_create_key_with_an_expiry_and_list_keys_without_secrets() -> None:
    lasting = runner.invoke(app, ["admin", "create-key", "--role", "leader", "--name", "Lea"])
    brief = runner.invoke(
        app, ["admin", "create-key", "--role", "member", "--expires-in", "30d"]
    ).stdout.strip()
    runner.invoke(app, ["admin", "revoke-key", lasting.stdout.strip()[:10]])
    database = Database.open(get_settings())
    with database.transaction() as session:
        record = find_api_key(session, brief)
        assert record is not None and record.expires_at is not None
        days = (record.expires_at - record.created_at).total_seconds() / 86400
        assert 29.99 < days <= 30
    database.close()

    listed = runner.invoke(app, ["admin", "list-keys", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = {row["prefix"]: row for row in json.loads(listed.stdout)}
    assert set(rows) == {lasting.stdout[:10], brief[:10]}
    assert rows[brief[:10]]["role"] == "member" and rows[brief[:10]]["expires"]
    assert rows[brief[:10]]["revoked"] is None and rows[brief[:10]]["last_used"] is None
    assert rows[lasting.stdout[:10]]["person"] == "Lea" and rows[lasting.stdout[:10]]["revoked"]
    table = runner.invoke(app, ["admin", "list-keys"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and brief[:10] in table.stdout and "Lea" in table.stdout
    for shown in (listed.stdout, table.stdout):
        assert brief not in shown and brief[10:20] not in shown  # never the secret


@pytest.mark.parametrize("bad", ["30", "thirty days", "0d", "-1d", "5y", "99999w"])
def test_a_bad_expiry_exits_2_and_creates_nothing(bad: str) -> None:
    result = runner.invoke(app, ["admin", "create-key", "--role", "member", "--expires-in", bad])
    assert result.exit_code == 2 and "expires-in" in result.output
    assert runner.invoke(app, ["admin", "list-keys", "--json"]).stdout.strip() == "[]"


def test_create_key_keeps_the_e_mail_address_follow_ups_are_sent_to() -> None:
    person = ["--name", "Tom", "--email", "tom@example.com", "--team", "Desk"]
    made = runner.invoke(app, ["admin", "create-key", "--org", "acme", "--role", "member", *person])
    assert made.exit_code == 0, made.output
    database = Database.open(get_settings())
    with database.transaction() as session:
        [tom] = list_people(session, "acme")
        assert (tom.email, tom.team) == ("tom@example.com", "Desk")
    database.close()
