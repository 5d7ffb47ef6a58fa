"""What a check may know besides the document: the request and the material it was made from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from service.vocabulary import Language


class ScoringContext(BaseModel):
    """The facts a document is held to. Every field is optional: an L&D reviewer who pastes a
    lesson has none of them, and a check whose fact is missing is unscored, not guessed."""

    model_config = ConfigDict(frozen=True)

    language: Language | None = None
    """The language that was asked for; without it the language check is unscored."""
    allowed_sources: frozenset[str] | None = None
    """Corpus ids a citation may name (the retrieved ids); ``None`` means unknown."""
    source_texts: tuple[str, ...] = ()
    """Text of the retrieved passages: numbers and names found there are not invented."""
    leader_account: str | None = None
    """The leader's own words; the story must stay faithful to them."""
    allowed_texts: tuple[str, ...] = ()
    """Text besides the account whose words, names and numbers a faithful document may use:
    the values it cites, the story a lesson is made from. Never a priority: its targets are
    the organisation's, not the leader's results (``source_texts`` may hold one)."""
    development_goal: str | None = None
    """One team member's development goal, for a one-on-one lesson."""
    team_member_role: str | None = None

    @property
    def has_material(self) -> bool:
        """Whether there is anything to hold names and numbers against."""
        return bool(self.leader_account or self.source_texts)
