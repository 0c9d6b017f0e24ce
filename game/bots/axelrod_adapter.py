"""Enter any New Yalta bot in a tournament of the Axelrod library.

``make_player(name, seed=None)`` returns an ``axelrod.Player`` that plays the classic pack
with the named bot: each turn the match's history so far (as played, after any noise) is
replayed into a classic game, and the bot is asked for its orders from its own view of that
game. The bot sits on the United States' seat; the Axelrod opponent on China's.

Axelrod is an optional extra (``pip install new-yalta[research]``); this module imports it
only when a player is made.
"""

from __future__ import annotations

from typing import Optional

STOCHASTIC = {"random", "generous"}


def make_player(name: str, seed: Optional[int] = None, level: Optional[str] = None):
    """An ``axelrod.Player`` playing the classic game with the New Yalta bot ``name``
    (``level`` for bots that have levels; the strategist defaults to ``hard``)."""
    import axelrod as axl

    from . import ALIASES, REGISTRY

    key = ALIASES.get(name.lower(), name.lower())
    if key not in REGISTRY:
        raise KeyError(f"unknown bot {name!r} (known: {', '.join(REGISTRY)})")
    cls = _player_class(axl, key)
    if level is None and getattr(REGISTRY[key], "levels", ()):
        level = "hard"
    return cls(seed=seed, level=level)


_CLASSES: dict = {}


def _player_class(axl, key: str):
    if key in _CLASSES:
        return _CLASSES[key]

    class NewYaltaPlayer(axl.Player):
        name = f"New Yalta {key}"
        classifier = {
            "memory_depth": float("inf"),
            "stochastic": key in STOCHASTIC,
            "long_run_time": key == "strategist",
            "inspects_source": False,
            "manipulates_source": False,
            "manipulates_state": False,
        }

        def __init__(self, seed: Optional[int] = None, level: Optional[str] = None):
            super().__init__()
            self.bot_name = key
            self.bot_seed = 0 if seed is None else int(seed)
            self.level = level or "normal"
            self._game = None

        def _start(self):
            from ..engine.api import engine_for
            from . import make_bot

            engine = engine_for("classic")
            length = self.match_attributes.get("length", -1)
            # a match of unknown length is, for the bot, a game without a last turn in sight
            turns = int(length) if isinstance(length, (int, float)) and 0 < length < float("inf") \
                else 10**6
            st = engine.new_game(self.bot_seed, turns=max(turns, 1), noise=0.0)
            bot = make_bot(self.bot_name, engine, "us", seed=self.bot_seed, level=self.level)
            self._game = [engine, st, bot]

        def strategy(self, opponent):
            if self._game is None:
                self._start()
            engine, st, bot = self._game
            C, D = axl.Action.C, axl.Action.D
            mine, theirs = self.history, opponent.history
            rules = engine.rules
            # replay the turns played since the last call (noise already applied by the match)
            while len(st.history) < len(mine) and st.phase != "over":
                i = len(st.history)
                for side, move in (("us", mine[i]), ("cn", theirs[i])):
                    card = "cooperate" if move == C else "defect"
                    rules.submit(st, side, {"kind": "orders", "actions": [card]})
                rules.advance(st)
                while st.phase not in ("orders", "over"):
                    rules.advance(st)
            if st.phase == "over":  # the match runs longer than it said it would
                return C
            choice = bot.act(engine.view(st, "us"), "orders")
            return C if choice.decision["actions"] == ["cooperate"] else D

    # a module-level name, so that players pickle into Axelrod's worker processes
    NewYaltaPlayer.__name__ = NewYaltaPlayer.__qualname__ = _class_name(key)
    NewYaltaPlayer.__module__ = __name__
    _CLASSES[key] = NewYaltaPlayer
    return NewYaltaPlayer


def _class_name(key: str) -> str:
    return "NewYalta_" + key.replace("-", "_")


def __getattr__(attr: str):
    """Build a player class on first use of its name (for unpickling in a worker)."""
    if attr.startswith("NewYalta_"):
        import axelrod as axl

        from . import REGISTRY

        for key in REGISTRY:
            if _class_name(key) == attr:
                return _player_class(axl, key)
    raise AttributeError(attr)
