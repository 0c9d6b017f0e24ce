"""Opening saves for the debrief: an adapter over ``game.saves``.

``game.saves.load`` rebuilds a game to go on playing it; the debrief also needs the engine
and the stored state of a save whose log may not replay (to say where), so this module
builds them from the document itself, with the same one-line ``SaveError`` on damage.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .. import saves as S
from ..i18n import Said


@dataclass
class Opened:
    path: Path
    doc: dict
    engine: object
    state: object  # the stored GameState
    warning: Optional[str] = None


def engine_of(doc: dict, name: str = "save"):
    from ..content.loader import ContentError
    from ..engine.api import engine_for

    try:
        return engine_for(doc["pack"], doc.get("scenario"))
    except (ContentError, KeyError, OSError) as first:
        p = doc.get("pack_path")
        if p and Path(p).is_dir():
            try:
                return engine_for(p, doc.get("scenario"))
            except (ContentError, KeyError, OSError):
                pass
        msg = (first.problems[0] if isinstance(first, ContentError) and first.problems
               else str(first))
        raise S.SaveError(Said("save_error.no_pack", name=name, pack=repr(doc.get("pack")),
                               error=msg.strip(chr(34)))) from None


def state_of(doc: dict, engine, name: str = "save"):
    from ..engine.state import GameState

    try:
        stored = GameState.from_dict(doc["state"])
        template = engine.new_game(doc["seed"], turns=doc.get("turns"),
                                   noise=doc.get("noise", 0.0), options=doc.get("options"))
        S.restore_order(stored, template)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
        raise S.SaveError(Said("save_error.unreadable", name=name, error=str(e))) from None
    return stored


def open_save(path, lenient: bool = False) -> Opened:
    """Read a save for a report (strict: ``game.saves.load``) or for ``--verify``
    (``lenient``: an edited file is opened so the replay can say where it diverges)."""
    from .replay import read_for_verify

    path = Path(path)
    if lenient:
        doc, notes = read_for_verify(path)
        engine = engine_of(doc, path.name)
        return Opened(path, doc, engine, state_of(doc, engine, path.name),
                      notes[0] if notes else None)
    loaded = S.load(path)
    return Opened(path, loaded.data, loaded.engine, loaded.state, loaded.warning)
