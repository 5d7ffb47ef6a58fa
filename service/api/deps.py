"""Injected things, as ``Annotated`` aliases so handlers stay one line per dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.knowledge import KnowledgeBase
from service.settings import Settings


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _knowledge(request: Request) -> KnowledgeBase:
    knowledge: KnowledgeBase = request.app.state.knowledge
    return knowledge


SettingsDep = Annotated[Settings, Depends(_settings)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(_knowledge)]
