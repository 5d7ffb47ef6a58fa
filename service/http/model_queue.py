"""Model work, queued: a few jobs run on the model at once, the others wait their turn.

One story keeps the embedded model busy for half a minute or more on two cores, and llama.cpp
runs one job at a time. Before this queue, every request that wanted the model held a worker
thread (and its database connection) while it waited for the model's lock: 45 pending chat
requests filled the thread pool and ``/api/me`` stopped answering (measured 2026-11-29).

Now a request that wants the model takes a :class:`Ticket` first, before anything else of
the request runs:

- it waits in the event loop, holding no thread and no database connection;
- at most ``model_slots`` tickets run at once; the next one admitted belongs to a caller
  with nothing running, the one served longest ago, so one caller cannot take every slot
  and callers take turns;
- a caller has at most ``model_queue_per_caller`` tickets, team members together at most
  ``model_queue_members`` waiting places, and everyone at most ``model_queue`` — past a limit
  the request is refused at once with :class:`QueueFull` (429 with ``Retry-After``) in the
  caller's language, and nothing of it is kept;
- a chat reply streams its place in the queue (``queued`` events) while it waits.

All state lives on the event loop's thread (tickets are taken and released by async
dependencies), so there are no locks. One queue per web process: with several workers each
has its own, and the model server behind them (``storycoach llm serve``) queues as well.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from service.errors import StoryCoachError
from service.settings import Settings
from service.store import Role
from service.vocabulary import Language
from service.words import load_words

from .auth import Caller

DEFAULT_JOB_SECONDS = 30.0
"""What one job is taken to last before any has finished (a story on two cores)."""
REMEMBERED_CALLERS = 1000
"""Callers whose last turn the queue remembers, for fairness."""
SMOOTHING = 0.3
"""Weight of the latest job in the running estimate of a job's seconds."""


class QueueFull(StoryCoachError):
    """The model's queue has no place for this request; try again after ``retry_after``."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


@dataclass(frozen=True)
class QueueLimits:
    slots: int = 1
    """Tickets that run at once."""
    waiting: int = 24
    """Tickets that may wait."""
    per_caller: int = 2
    """Tickets one caller may hold, running or waiting."""
    members: int = 6
    """Waiting places team members may take together."""


def queue_limits(settings: Settings) -> QueueLimits:
    return QueueLimits(
        slots=settings.model_slots,
        waiting=settings.model_queue,
        per_caller=settings.model_queue_per_caller,
        members=settings.model_queue_members,
    )


@dataclass(eq=False)
class Ticket:
    """One request's turn on the model."""

    caller: str
    role: Role
    language: Language
    taken: float
    started: float | None = None
    moved: asyncio.Event = field(default_factory=asyncio.Event)
    """Set whenever the ticket's place may have changed."""
    told: int = 0
    """Places reported to the waiting request so far (by ``turn``)."""

    @property
    def running(self) -> bool:
        return self.started is not None


class ModelQueue:
    """Tickets for the model, fair between callers (see the module)."""

    def __init__(self, limits: QueueLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._running: list[Ticket] = []
        self._waiting: list[Ticket] = []
        self._job_seconds = DEFAULT_JOB_SECONDS
        self._served: OrderedDict[str, float] = OrderedDict()
        """When each caller's last ticket started running, least recent first."""

    @property
    def running(self) -> int:
        return len(self._running)

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def waiting_tickets(self) -> list[Ticket]:
        """The waiting tickets in the order they will run."""
        return self._order()

    def take(self, caller: str, role: Role, language: Language) -> Ticket:
        """A ticket for ``caller``: running at once if a slot is free, else waiting.

        Raises:
            QueueFull: a limit is reached (the caller's own, the members', or the queue's).
        """
        held = sum(t.caller == caller for t in (*self._running, *self._waiting))
        members = sum(t.role is Role.MEMBER for t in self._waiting)
        waits = bool(self._waiting) or len(self._running) >= self.limits.slots
        if held >= self.limits.per_caller:
            self._refuse("yours", language)
        if waits and role is Role.MEMBER and members >= self.limits.members:
            self._refuse("busy", language)
        if waits and len(self._waiting) >= self.limits.waiting:
            self._refuse("busy", language)
        ticket = Ticket(caller, role, language, taken=self._clock())
        self._waiting.append(ticket)
        self._admit()
        return ticket

    def place(self, ticket: Ticket) -> int:
        """0 when the ticket runs; else how many tickets go before it, plus one."""
        if ticket.running:
            return 0
        return self._order().index(ticket) + 1

    async def turn(self, ticket: Ticket) -> AsyncIterator[int]:
        """The ticket's place each time it changes, until it runs (then it returns)."""
        while not ticket.running:
            ticket.moved.clear()
            ticket.told += 1
            yield self.place(ticket)
            await ticket.moved.wait()

    async def wait(self, ticket: Ticket) -> None:
        async for _ in self.turn(ticket):
            pass

    def release(self, ticket: Ticket) -> None:
        """The ticket's request is over (done, failed or gone): free its place."""
        if ticket in self._running:
            self._running.remove(ticket)
            assert ticket.started is not None
            took = self._clock() - ticket.started
            self._job_seconds += SMOOTHING * (took - self._job_seconds)
        elif ticket in self._waiting:
            self._waiting.remove(ticket)
        self._admit()

    def retry_after(self) -> int:
        """Seconds until a place is likely free: the jobs ahead, shared by the slots."""
        ahead = len(self._waiting) + 1
        return max(1, math.ceil(ahead * self._job_seconds / self.limits.slots))

    def _order(self) -> list[Ticket]:
        """Waiting tickets in the order they will run: callers with nothing running first,
        then the caller served longest ago (or never), then the ticket taken first."""
        busy = {t.caller for t in self._running}
        never = float("-inf")
        return sorted(
            self._waiting,
            key=lambda t: (t.caller in busy, self._served.get(t.caller, never), t.taken),
        )

    def _admit(self) -> None:
        while self._waiting and len(self._running) < self.limits.slots:
            ticket = self._order()[0]
            self._waiting.remove(ticket)
            ticket.started = self._clock()
            self._running.append(ticket)
            self._served[ticket.caller] = ticket.started
            self._served.move_to_end(ticket.caller)
            if len(self._served) > REMEMBERED_CALLERS:
                self._served.popitem(last=False)
        for ticket in (*self._running, *self._waiting):
            ticket.moved.set()

    def _refuse(self, reason: str, language: Language) -> None:
        seconds = self.retry_after()
        said = load_words("queue", language)
        minutes = max(1, math.ceil(seconds / 60))
        raise QueueFull(said[reason].format(minutes=minutes), seconds)


def take_place(queue: ModelQueue, caller: Caller) -> Ticket:
    """``caller``'s ticket: one person (in one organisation) is one caller for fairness and
    the limits, whichever surface (the API, the pages, ``/v1``) they come through."""
    return queue.take(f"{caller.org}/{caller.person.id}", caller.role, caller.person.locale)


def waiting_message(place: int, language: Language) -> str:
    """What a waiting chat shows: its place in the queue, in plain words."""
    return load_words("queue", language)["waiting"].format(place=place)
