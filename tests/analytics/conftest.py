"""The demo's database and corpus (as ``make run`` has them) for the gathering tests."""

from tests.demo.conftest import demo_corpus, lesson_rubrics

__all__ = ["demo_corpus", "lesson_rubrics"]
