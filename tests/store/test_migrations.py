from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from service.settings import Settings
from service.store import Database, database_url, upgrade_database
from service.store.migrate import current_revision, head_revision
from service.store.models import Base


def test_default_url_is_sqlite_in_the_data_folder(settings: Settings) -> None:
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
