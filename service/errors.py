"""Domain exceptions. No HTTP here: the API maps these to status codes, the CLI to exit codes."""

from __future__ import annotations

import re

from .vocabulary import Language


class StoryCoachError(Exception):
    """Base of every error StoryCoach raises on purpose."""


class InvalidInput(StoryCoachError):
    """A caller gave a value that cannot be used; names the field and the reason.

    The reason is a code of the ``invalid`` words (``service/words/invalid/``), whose text is
    filled in with ``values``: a person is told it in their language (``reason_in``), and
    ``reason`` (and the message) is the English. A reason that is not a code (it has spaces)
    is plain English text, told as it is: the command line's and the evals' own checks,
    which speak to a developer (tests/words/test_invalid_reasons.py lists where).
    """

    def __init__(self, field: str, reason: str, **values: object) -> None:
        self.field = field
        self.code: str | None = reason if _CODE.fullmatch(reason) else None
        self.values = values
        self._text = reason
        self.reason = self.reason_in("en")
        super().__init__(f"{field}: {self.reason}")

    def reason_in(self, language: Language | str) -> str:
        """The reason in ``language`` ("en", "nl"); a reason without a code in English.

        Raises:
            MissingWords: the code is not in the ``invalid`` words (a programming error).
        """
        if self.code is None:
            return self._text
        from service.words import load_words  # the words are data over the vocabulary only

        return load_words("invalid", language)[self.code].format(**self.values)


_CODE = re.compile(r"[a-z][a-z0-9_]*")
"""What a reason code looks like; a reason in words has spaces."""


class NotFound(StoryCoachError):
    """Something the caller named does not exist (in the caller's organisation)."""

    def __init__(self, what: str, identifier: str) -> None:
        super().__init__(f"{what} not found: {identifier}")
        self.what = what
        self.identifier = identifier


class NotPublished(StoryCoachError):
    """The lesson exists but is not published, so it may not leave StoryCoach yet."""

    def __init__(self, what: str, identifier: str, state: str) -> None:
        super().__init__(f"{what} {identifier} is {state}, not published; publish it first")
        self.what = what
        self.identifier = identifier
        self.state = state


class StoryRetired(StoryCoachError):
    """The story is no longer current: nothing new (a lesson, discussion questions) may draw
    on it. Its author can make it current again."""

    def __init__(self, story_id: int) -> None:
        super().__init__(f"story {story_id} is retired, no longer current")
        self.story_id = story_id


class CorpusNotFound(NotFound):
    """The corpus folder does not exist or is not a folder."""

    def __init__(self, path: str) -> None:
        super().__init__("corpus folder", path)


class EmptyOrganisation(StoryCoachError):
    """An organisation has no indexed documents, so there is nothing to search."""

    def __init__(self, org: str) -> None:
        super().__init__(
            f"organisation '{org}' has no documents; run `storycoach ingest --org {org}` first"
        )
        self.org = org


class DatabaseBusy(StoryCoachError):
    """The database stayed locked by another writer past its timeout. The transaction was
    rolled back whole, so nothing is half-written; asking again a little later works."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the database is busy: {reason}")
        self.reason = reason


class ConfigurationError(StoryCoachError):
    """A setting names something that does not exist (an unknown model, say)."""


class PromptError(StoryCoachError):
    """A prompt template is broken or was called wrongly (a programming error, not user input)."""


class PromptVariablesMissing(PromptError):
    """A template was rendered without some of its declared variables; names all of them."""

    def __init__(self, prompt_id: str, missing: list[str]) -> None:
        super().__init__(f"prompt '{prompt_id}' is missing variables: {', '.join(missing)}")
        self.prompt_id = prompt_id
        self.missing = missing


class ModelUnavailable(StoryCoachError):
    """The model timed out, failed, or is not installed; the caller's input is kept."""

    def __init__(self, model: str, reason: str) -> None:
        super().__init__(f"model {model} failed: {reason}")
        self.model = model
        self.reason = reason


class GenerationFailed(StoryCoachError):
    """Nothing usable could be made: every candidate failed and no honest fallback exists.

    The message is for people, in plain words; ``step`` (an internal step id) is kept for
    logs and API clients, never shown as the message."""

    def __init__(self, step: str, reason: str) -> None:
        super().__init__(
            f"the coach could not write a usable answer ({reason}); nothing you wrote was changed"
        )
        self.step = step
        self.reason = reason
