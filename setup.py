"""Puts the top-level ``prompts/`` and ``evals/rubrics/`` into the wheel (the rest: pyproject).

The folders stay where they are in the repository (one copy, the source of truth). A built
wheel carries them as ``service/_data/prompts`` and ``service/_data/rubrics``, where
``service.settings.packaged_folder`` finds them when StoryCoach runs without its checkout. An
editable install gets no copy: it reads the checkout's folders, so edits show at once.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

PACKAGED = {"prompts": "prompts", "rubrics": "evals/rubrics"}
"""Name under ``service/_data/``: the repository folder it is copied from."""


class BuildWithData(build_py):
    """setuptools' ``build_py``, then the data folders copied into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for name, source in PACKAGED.items():
            self.copy_tree(source, str(Path(self.build_lib, "service", "_data", name)))


setup(cmdclass={"build_py": BuildWithData})
