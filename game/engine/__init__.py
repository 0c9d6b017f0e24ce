"""The rules engine: pure, seeded, UI-free."""

from .api import ENDINGS, Engine, IllegalMove, engine_for, replay
from .state import HIDDEN, LADDER, PHASES, SIDES, GameState, other

__all__ = ["Engine", "IllegalMove", "ENDINGS", "engine_for", "replay", "GameState", "SIDES",
           "PHASES", "LADDER", "HIDDEN", "other"]
