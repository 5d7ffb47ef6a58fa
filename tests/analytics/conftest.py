"""The demo's database and corpus (as ``make run`` has them) for the gathering tests."""

from tests.demo.conftest import database, demo_corpus, lesson_rubrics

__all__ = ["database", "demo_corpus", "lesson_rubrics"]
