"""``python -m service.cli``: the same as the ``storycoach`` command."""

from . import app

app()
