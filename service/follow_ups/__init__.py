"""Follow-ups (issue #20, points 1-3): a 1:1 lesson given to a team member, or a story their
team discussed, comes back to them after the organisation's delay; they answer the recall
question and what they tried, and the leader replies.

The rows and who may read them are the store's (``service.store.follow_ups``); here is what
the follow-up asks (``questions``) and the e-mail ``storycoach follow-ups send`` sends
(``reminders``, with the SMTP adapter in ``mail``).
"""

from .questions import FollowUpQuestions, follow_up_questions
from .reminders import Reminder, ReminderReport, due_reminders, send_reminders

__all__ = [
    "FollowUpQuestions",
    "Reminder",
    "ReminderReport",
    "due_reminders",
    "follow_up_questions",
    "send_reminders",
]
