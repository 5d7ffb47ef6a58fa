"""Sending e-mail over SMTP (the standard library's ``smtplib``; the only module that does).

Configured by the ``smtp_*`` settings. A mail server that cannot be reached, refuses the
login or refuses a message is ``MailFailed`` with the reason, never a traceback: the caller
(``reminders``) goes on with the next person and reports who was not reached.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Protocol

from service.errors import StoryCoachError
from service.settings import Settings


class MailFailed(StoryCoachError):
    """A message could not be handed to the mail server."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the e-mail could not be sent: {reason}")
        self.reason = reason


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class SmtpMailer:
    """One SMTP connection per message: a run mails a handful of people, once a day."""

    def __init__(self, settings: Settings) -> None:
        assert settings.smtp_host is not None  # the caller checks that mail is configured
        self.host = settings.smtp_host
        self.port = settings.smtp_port
        self.starttls = settings.smtp_starttls
        self.credentials = settings.smtp_credentials
        self.timeout = settings.smtp_timeout

    def send(self, message: EmailMessage) -> None:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
                if self.starttls:
                    server.starttls(context=ssl.create_default_context())
                if self.credentials is not None:
                    server.login(*self.credentials)
                server.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailFailed(f"{type(exc).__name__}: {exc}") from None
