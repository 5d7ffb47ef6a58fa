"""StoryCoach: helps leaders act as trainers with real stories and compact lessons."""

__version__ = "0.1.0"
