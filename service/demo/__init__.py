"""The living demo: a realistic history for the demo organisation, laid down from data files.

``storycoach admin seed-demo`` calls ``seed_history`` after it has made the people with keys.
"""

from .fixtures import DemoHistory, load_history
from .history import DemoCorpusMissing, SeededHistory, check_corpus, seed_history

__all__ = [
    "DemoCorpusMissing",
    "DemoHistory",
    "SeededHistory",
    "check_corpus",
    "load_history",
    "seed_history",
]
