"""``GET /api/analytics``: the programme's figures for one organisation.

The public shape is the figures as ``service.analytics`` computes them (plain numbers, ids,
titles and weeks: nothing internal), under a name of the API's own, so the schema can part
from the domain type the day one of them needs to change.
"""

from __future__ import annotations

from service.analytics import ProgrammeFigures


class AnalyticsPublic(ProgrammeFigures):
    """Approval and rubric pass rates per week, submit-to-publish time, queue age,
    reflections per story, the coverage map of priorities by values by language, and what
    stuck: the follow-ups' answer rate, days to answer and what people tried per lesson and
    story."""
