"""Counterfactuals: the same seed replayed with another bot in one seat.

The seat that changes gets the bot asked for. The other seat keeps its bot; a human seat
cannot be replayed, so it is stood in for by the simple personality its play looked most
like (its strategy fingerprint), and the report says so.

By default the side that scored lower is handed to ``generous`` (generous tit-for-tat: the
textbook answer to a noisy world); if that side already was generous, to ``transactional``.
"""

from __future__ import annotations

from typing import Optional

from ..engine.state import SIDES, other
from ..sim import outcome_numbers

DEFAULT_BOT = "generous"
FALLBACK_BOT = "transactional"


def seat_bot(seat: str) -> Optional[str]:
    return seat[4:] if isinstance(seat, str) and seat.startswith("bot:") else None


def default_swap(doc: dict, final: dict) -> tuple[str, str]:
    """(side, bot): the lower-scoring side gets generous (or transactional if it was)."""
    side = "us" if final["us"] < final["cn"] else "cn"
    bot = DEFAULT_BOT if seat_bot(doc["seats"].get(side, "")) != DEFAULT_BOT else FALLBACK_BOT
    return side, bot


def outcome(engine, st) -> dict:
    """The numbers a side-by-side comparison shows."""
    return outcome_numbers(engine, st)




def run(engine, doc: dict, state, side: Optional[str] = None, bot: Optional[str] = None,
        fingerprint: Optional[dict] = None) -> dict:
    """Replay the save's seed with ``bot`` in ``side``'s seat; returns the comparison."""
    from ..bots import ALIASES, REGISTRY
    from ..sim import play_game
    from .model import series_of

    fin = engine.returns(state)
    if side is None or bot is None:
        d_side, d_bot = default_swap(doc, fin)
        side, bot = side or d_side, bot or d_bot
    key = ALIASES.get(bot.lower(), bot.lower())
    if key not in REGISTRY:
        raise KeyError(f"unknown bot {bot!r} (known: {', '.join(REGISTRY)})")
    seats = doc.get("seats", {})
    bots = {side: key}
    stand_in = {}
    foe = other(side)
    kept = seat_bot(seats.get(foe, ""))
    if kept is None:
        fp = (fingerprint or {}).get(foe, {})
        kept = fp.get("bot", "tit-for-tat")
        stand_in[foe] = kept
    bots[foe] = kept
    level = doc.get("level", "normal")
    res = play_game(engine, bots["us"], bots["cn"], seed=doc["seed"], turns=doc.get("turns"),
                    noise=doc.get("noise", 0.0), options=doc.get("options"), level=level,
                    keep_reasons=False)
    orig, alt = outcome(engine, state), outcome(engine, res.state)
    return {
        "side": side,
        "bot": key,
        "replaced": seats.get(side, "?"),
        "seats": {s: f"bot:{bots[s]}" for s in SIDES},
        "stand_in": stand_in,
        "original": orig,
        "counterfactual": alt,
        "series": series_of(res.state, engine),
        "difference": {
            "final": {s: round(alt["final"][s] - orig["final"][s], 3) for s in SIDES},
            "welfare": round(alt["welfare"] - orig["welfare"], 3),
            "trust": round(alt["trust"] - orig["trust"], 3),
        },
    }
