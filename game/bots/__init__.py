"""Bots: one module per idea, one small protocol (``base.Bot``)."""

from __future__ import annotations

from .base import Bot, Choice
from .simple import Dove, Generous, Grim, Hawk, Pavlov, RandomBot, TitForTat
from .strategist import Strategist
from .transactional import Transactional

REGISTRY: dict[str, type[Bot]] = {
    cls.name: cls for cls in (Dove, Hawk, TitForTat, Generous, Grim, Pavlov, RandomBot,
                              Transactional, Strategist)
}
ALIASES = {"tft": "tit-for-tat", "titfortat": "tit-for-tat", "wsls": "pavlov", "gtft": "generous"}


def bot_names() -> list[str]:
    return list(REGISTRY)


def make_bot(name: str, engine, side: str, seed: int = 0, level: str = "normal") -> Bot:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in REGISTRY:
        raise KeyError(f"unknown bot {name!r} (known: {', '.join(REGISTRY)})")
    return REGISTRY[key](engine, side, seed=seed, level=level)


__all__ = ["Bot", "Choice", "REGISTRY", "bot_names", "make_bot"]
