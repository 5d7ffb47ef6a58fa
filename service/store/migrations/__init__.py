"""Alembic migrations, shipped inside the package so an installed StoryCoach can upgrade itself.

Run them with ``service.store.upgrade_database``; a new revision is written with
``alembic -c service/store/migrations/alembic.ini revision --autogenerate -m "..."`` and then
read and corrected by hand.
"""
