from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from service.settings import Settings
from service.store import Database, database_url, upgrade_database
from service.store.migrate import current_revision, head_revision
from service.store.models import ApiKey, Base
from service.store.tokens import hash_secret


def test_default_url_is_sqlite_in_the_data_folder(isolated_state: Path) -> None:
    settings = Settings()  # not the fixture, which also runs on PostgreSQL
    assert database_url(settings) == f"sqlite:///{settings.data_dir / 'storycoach.db'}"


def test_a_url_setting_wins(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.db'}"
    assert database_url(Settings(database_url=url)) == url
    assert Settings(database_url="  ").database_url is None


def test_upgrade_creates_every_table_in_the_data_folder(database: Database) -> None:
    tables = set(inspect(database.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert current_revision(database.engine) == head_revision()


def test_migrations_match_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrading_twice_changes_nothing(settings: Settings, database: Database) -> None:
    again = upgrade_database(settings)
    assert current_revision(again.engine) == head_revision()
    again.close()


def test_migrations_ship_inside_the_package() -> None:
    import service.store.migrations.versions as versions

    assert any(Path(versions.__file__).parent.glob("0001_*.py"))


def test_0004_keeps_existing_keys_and_sessions_and_downgrades(settings: Settings) -> None:
    """Keys made before 0004 last until revoked, their sessions keep working, and revoking
    the key ends them; the migration also steps back down to 0003."""
    from sqlalchemy import text

    from service.store import find_web_session, revoke_api_key
    from service.store.migrate import upgrade_engine

    database = Database.open(settings)
    upgrade_engine(database.engine, "0003")
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organisations (id, name, created_at) "
                "VALUES ('acme', 'A', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO people (id, org_id, name, role, locale, created_at) "
                "VALUES (1, 'acme', 'Rita', 'reviewer', 'en', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO api_keys (id, org_id, person_id, prefix, key_hash, created_at) "
                "VALUES (1, 'acme', 1, 'sc_oldkey1', :hash, '2026-01-01')"
            ),
            {"hash": "a" * 64},
        )
        connection.execute(
            text(
                "INSERT INTO web_sessions (id, org_id, person_id, token_hash, csrf_token, "
                "created_at, expires_at) VALUES (1, 'acme', 1, :hash, 'c', '2026-01-01', "
                "'2999-01-01')"
            ),
            {"hash": hash_secret("old-browser")},
        )
    upgrade_engine(database.engine)
    assert current_revision(database.engine) == head_revision()
    with database.transaction() as session:
        browser = find_web_session(session, "old-browser")
        assert browser is not None and browser.api_key_id is None
        key = session.get(ApiKey, 1)
        assert key is not None and key.expires_at is None and key.last_used_at is None
        revoke_api_key(session, "acme", "sc_oldkey1")
    with database.transaction() as session:
        assert find_web_session(session, "old-browser") is None
    downgrade_to(database, "0003")
    columns = {c["name"] for c in inspect(database.engine).get_columns("api_keys")}
    assert "expires_at" not in columns and "revoked_at" in columns
    database.close()


def downgrade_to(database: Database, revision: str) -> None:
    from alembic import command

    from service.store.migrate import alembic_config

    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_0005_keeps_existing_stories_current_and_organisation_wide(settings: Settings) -> None:
    """Stories saved before 0005 stay readable by everyone and current, told by their author;
    people are in no team; the migration steps back down to 0004 with the rows kept."""
    from sqlalchemy import text

    from service.store import Story, StoryVisibility
    from service.store.migrate import upgrade_engine
    from service.store.models import Person

    database = Database.open(settings)
    upgrade_engine(database.engine, "0004")
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organisations (id, name, created_at) "
                "VALUES ('acme', 'Acme', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO people (id, org_id, name, role, locale, created_at) "
                "VALUES (1, 'acme', 'Lea', 'leader', 'en', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                'INSERT INTO stories (id, org_id, author_id, title, text, citations, "values", '
                "language, status, created_at, updated_at) VALUES (1, 'acme', 1, 'Old', 'x', "
                "'[]', '[]', 'en', 'published', '2026-01-01', '2026-01-01')"
            )
        )
    upgrade_engine(database.engine)
    with database.transaction() as session:
        story = session.get(Story, 1)
        assert story is not None
        assert story.visibility is StoryVisibility.ORGANISATION
        assert story.current and story.told_by is None
        person = session.get(Person, 1)
        assert person is not None and person.team is None
    downgrade_to(database, "0004")
    assert "visibility" not in {c["name"] for c in inspect(database.engine).get_columns("stories")}
    assert "team" not in {c["name"] for c in inspect(database.engine).get_columns("people")}
    with database.engine.begin() as connection:
        assert connection.execute(text("SELECT title FROM stories")).scalar_one() == "Old"
    database.close()


def test_0006_gives_existing_organisations_a_week_and_downgrades(settings: Settings) -> None:
    """Organisations made before 0006 bring follow-ups back after the default seven days;
    the migration steps back down to 0005, the follow-ups table gone, the organisation kept."""
    from sqlalchemy import text

    from service.store import follow_up_days
    from service.store.migrate import upgrade_engine

    database = Database.open(settings)
    upgrade_engine(database.engine, "0005")
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organisations (id, name, created_at) "
                "VALUES ('acme', 'Acme', '2026-01-01')"
            )
        )
    upgrade_engine(database.engine)
    with database.transaction() as session:
        assert follow_up_days(session, "acme") == 7
    downgrade_to(database, "0005")
    tables = set(inspect(database.engine).get_table_names())
    assert "follow_ups" not in tables
    columns = {c["name"] for c in inspect(database.engine).get_columns("organisations")}
    assert "follow_up_days" not in columns
    with database.engine.begin() as connection:
        assert connection.execute(text("SELECT name FROM organisations")).scalar_one() == "Acme"
    database.close()
