"""Replaying a save from its seed and order log: phase by phase, and checked.

``frames`` steps through a saved game and keeps the numbers after every phase, for the replay
screen. ``verify`` replays the log from the seed and sets every recorded part of every turn
beside the replay's, phase by phase, then the final state as a whole; the first difference is
named by turn and phase.

What each phase leaves in a turn record, and so what is checked after it:

========== ============================================================
news        the event drawn, the responses, the news changes
talks       the offers and their fate, the messages, the changes of signing
orders      the cards each side played
resolution  the changes of resolution, the turn's incidents (false alarms arise here),
            each side's posture and what the world saw
assessment  the end-of-turn snapshot of every number
========== ============================================================
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..engine.state import SIDES, GameState, snapshot
from ..i18n import Localized, Said

ORDER = ("news", "talks", "orders", "resolution", "assessment")
PARTS = {
    "news": ("event", "responses"),
    "talks": ("offers", "messages"),
    "orders": ("orders",),
    "resolution": ("incidents", "posture", "public"),
    "assessment": ("snapshot",),
}
CHANGES_IN = ("news", "talks", "resolution")


def plain(x):
    """What a JSON round trip gives: tuples become lists, key order stops mattering."""
    return json.loads(json.dumps(x, sort_keys=True))


def numbers(st: GameState) -> dict:
    """The numbers of a state, shaped like a turn record's snapshot."""
    return snapshot(st)


# ---------------------------------------------------------------------------------------
# stepping

@dataclass
class Frame:
    """The game just after one phase of one turn was resolved."""

    turn: int
    phase: str
    numbers: dict
    record: dict  # the turn's record as it stood after this phase
    channels: dict  # id -> [open, strength]
    deals: list  # deal dicts as they stood


class LogMismatch(Exception):
    def __init__(self, turn: int, phase: str, text: str):
        super().__init__(text)
        self.turn, self.phase, self.text = turn, phase, text


class _Refusal(Localized):
    """The engine's refusal (an ``IllegalMove``) as text: it reads as the English sentence
    and is said in the reader's language where a verdict is shown."""

    def __new__(cls, e):
        self = super().__new__(cls, str(e))
        self.e = e
        return self

    def text(self, lang: str = "en") -> str:
        return self.e.text(lang)


def steps(engine, seed: int, log: list, turns=None, noise: float = 0.0, options=None,
          out: Optional[dict] = None):
    """Replay ``log`` from ``seed``, yielding ``(turn, phase, state)`` after each phase is
    resolved. The state yielded is the live one: copy what you keep; ``out["state"]`` holds
    it when the log runs out. Raises ``LogMismatch`` naming the turn and phase where the log
    does not fit the game."""
    from ..engine.rules import IllegalMove

    st = engine.new_game(seed, turns=turns, noise=noise, options=options).clone()
    if out is not None:
        out["state"] = st
    rules = engine.rules
    i = 0
    while st.phase != "over":
        waiting = rules.awaiting(st)
        if waiting:
            if i >= len(log):
                return  # the save was made before this phase was played
            entry = log[i]
            try:
                turn, phase, _rnd, side, decision = entry
            except (TypeError, ValueError):
                raise LogMismatch(st.turn, st.phase, Said("report.log_malformed", n=i + 1)) from None
            if (turn, phase) != (st.turn, st.phase) or side not in waiting:
                raise LogMismatch(st.turn, st.phase, _Refusal(IllegalMove(
                    "log_out_of_order", n=i + 1, side=side, phase=phase, turn=turn,
                    awaited=tuple(waiting), now_phase=st.phase, now_turn=st.turn)))
            try:
                rules.submit(st, side, decision)
            except IllegalMove as e:
                raise LogMismatch(st.turn, st.phase, Said("report.log_illegal", n=i + 1,
                                                          why=_Refusal(e))) from None
            i += 1
            continue
        turn, phase = st.turn, st.phase
        rules.advance(st)
        if (st.turn, st.phase) != (turn, phase):  # talks may take several rounds
            yield turn, phase, st
    if i < len(log):
        raise LogMismatch(st.turn, "over", _Refusal(IllegalMove("log_after_end", n=i + 1)))


def record_of(st: GameState, turn: int):
    if 1 <= turn <= len(st.history) and st.history[turn - 1].turn == turn:
        return st.history[turn - 1]
    if st.current.turn == turn:
        return st.current
    return None


def frames(engine, doc: dict) -> list[Frame]:
    """Every phase of a saved game, in order (stops quietly where the log stops)."""
    out: list[Frame] = []
    it = steps(engine, doc["seed"], doc["log"], turns=doc.get("turns"),
               noise=doc.get("noise", 0.0), options=doc.get("options"))
    try:
        for turn, phase, st in it:
            rec = record_of(st, turn)
            nums = dict(rec.snapshot) if phase == "assessment" else numbers(st)
            out.append(Frame(turn, phase, nums, plain(rec.to_dict()),
                             {k: [c.open, round(c.strength, 3)] for k, c in st.channels.items()},
                             [plain(d.to_dict()) for d in st.deals]))
    except LogMismatch:
        pass
    return out


# ---------------------------------------------------------------------------------------
# verifying

@dataclass
class Verdict:
    ok: bool
    phases: int = 0  # phases checked
    turn: Optional[int] = None  # where the first difference is
    phase: Optional[str] = None
    problem: Optional[str] = None
    notes: list = field(default_factory=list)

    def line(self, lang: str = "en") -> str:
        """One line saying so; a log that does not fit the game is said in ``lang``, the
        numbers of a difference (``problem``) stay in English."""
        from ..i18n import t

        if self.ok:
            return t("report.verify_ok", lang, n=self.phases)
        if self.turn:
            where = t("report.verify_where", lang, turn=self.turn, phase=_phase(self.phase, lang))
        else:
            where = _phase(self.phase, lang) if self.phase else t("report.verify_the_save", lang)
        return t("report.verify_diverges", lang, where=where, problem=self.problem)


def _phase(phase: str, lang: str) -> str:
    """A phase (or "setup", "final state", "end of the log") in ``lang``."""
    from ..i18n import norm_lang, t

    if norm_lang(lang) == "en":
        return phase
    key = {"setup": "report.verify_setup", "final state": "report.verify_final",
           "end of the log": "report.verify_end_of_log"}.get(phase, f"phase.{phase}")
    text = t(key, lang)
    return phase if text == key else text


def _stored_reached(stored: GameState, turn: int, phase: str) -> bool:
    """Whether the stored game had finished ``phase`` of ``turn``."""
    if stored.phase == "over" or turn < stored.turn:
        return turn <= len(stored.history)
    if turn > stored.turn:
        return False
    return stored.phase in ORDER and ORDER.index(phase) < ORDER.index(stored.phase)


def _first_diff(a, b, path: str = "") -> str:
    """A short path to the first place where two plain values differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return f"{path}.{k}".lstrip(".")
            if a[k] != b[k]:
                return _first_diff(a[k], b[k], f"{path}.{k}")
        return path.lstrip(".")
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_diff(x, y, f"{path}[{i}]")
        return f"{path} (length {len(b)} in the replay, {len(a)} in the save)".lstrip(".")
    return path.lstrip(".")


def _describe(field_name: str, saved, replayed, pack) -> str:
    from .. import narrate

    if field_name == "changes":
        for i, (x, y) in enumerate(zip(saved, replayed)):
            if x != y:
                return (f"change {i + 1} is “{narrate.change_line(y, pack)}” in the replay but "
                        f"“{narrate.change_line(x, pack)}” in the save")
        return f"the replay makes {len(replayed)} changes, the save records {len(saved)}"
    if field_name == "orders":
        names = lambda cards: ", ".join(cards) or "nothing"  # noqa: E731
        for side in SIDES:
            a, b = (saved or {}).get(side, []), (replayed or {}).get(side, [])
            if a != b:
                return f"{side} plays {names(b)} in the replay but {names(a)} in the save"
    if field_name == "event":
        return f"the replay draws the event {replayed!r}, the save records {saved!r}"
    if field_name == "snapshot":
        where = _first_diff(saved, replayed)
        return f"the numbers at the end of the turn differ ({where})"
    where = _first_diff(saved, replayed)
    return f"the {field_name} differ" + (f" ({where})" if where and where != field_name else "")


def compare_phase(stored_rec, rec, phase: str, pack) -> Optional[str]:
    """The first difference between a stored and a replayed turn record in one phase."""
    s, r = plain(stored_rec.to_dict()), plain(rec.to_dict())
    if phase in CHANGES_IN:
        a = [c for c in s["changes"] if c[0] == phase]
        b = [c for c in r["changes"] if c[0] == phase]
        if a != b:
            return _describe("changes", a, b, pack)
    for k in PARTS[phase]:
        if s.get(k) != r.get(k):
            return _describe(k, s.get(k), r.get(k), pack)
    return None


def verify(engine, doc: dict, stored: GameState) -> Verdict:
    """Replay ``doc``'s log from its seed and check it against the stored state."""
    from ..saves import restore_order

    v = Verdict(ok=True)
    pack = engine.pack
    # setup: what the seed alone decides before the first phase
    try:
        fresh = engine.new_game(doc["seed"], turns=doc.get("turns"), noise=doc.get("noise", 0.0),
                                options=doc.get("options"))
    except (TypeError, ValueError, KeyError) as e:
        return Verdict(False, 0, None, "setup", f"the game cannot be set up again ({e})")
    if stored.seed != fresh.seed:
        return Verdict(False, 0, None, "setup",
                       f"the save's seed {doc['seed']} is not its game's seed {stored.seed}")
    if plain(stored.start) != plain(fresh.start):
        return Verdict(False, 0, None, "setup", "the starting numbers differ")
    for s in SIDES:
        if stored.sides[s].objective != fresh.sides[s].objective:
            return Verdict(False, 0, None, "setup",
                           f"the seed draws another secret objective for {s}")
    holder: dict = {}
    try:
        for turn, phase, st in steps(engine, doc["seed"], doc["log"], turns=doc.get("turns"),
                                     noise=doc.get("noise", 0.0), options=doc.get("options"),
                                     out=holder):
            if not _stored_reached(stored, turn, phase):
                continue
            srec, rec = record_of(stored, turn), record_of(st, turn)
            if srec is None:
                return Verdict(False, v.phases, turn, phase, "the save has no record of this turn")
            problem = compare_phase(srec, rec, phase, pack)
            if problem:
                return Verdict(False, v.phases, turn, phase, problem)
            v.phases += 1
    except LogMismatch as e:
        return Verdict(False, v.phases, e.turn if e.phase != "over" else None,
                       e.phase if e.phase != "over" else "end of the log", e.text)
    # the whole state at the end, the random stream and the log included
    rebuilt = holder.get("state", fresh)
    if rebuilt.phase != "over" and engine.awaiting(rebuilt) and _stored_reached(
            stored, rebuilt.turn, rebuilt.phase):
        return Verdict(False, v.phases, rebuilt.turn, rebuilt.phase,
                       "the order log ends here, but the saved game went on")
    ahead = stored.clone()
    template = fresh
    restore_order(ahead, template)
    try:
        while ahead.phase != "over" and not engine.awaiting(ahead):
            ahead = engine.advance(ahead)
    except Exception as e:  # a stored state the rules cannot move on from
        return Verdict(False, v.phases, None, "final state", f"the stored state is not playable ({e})")
    a, b = plain(ahead.to_dict()), plain(rebuilt.to_dict())
    if a != b:
        where = _first_diff(a, b)
        return Verdict(False, v.phases, None, "final state",
                       f"the replayed final state differs from the stored one at {where}")
    return v


def read_for_verify(path: Path) -> tuple[dict, list]:
    """The save document, read as ``game.saves`` reads it but letting a checksum mismatch
    through (so that ``--verify`` can say *where* an edited file diverges); the second value
    lists such notes. Any other damage raises ``SaveError`` with one line."""
    from .. import saves as S

    try:
        return S.read_doc(path), []
    except S.SaveError as e:
        try:
            d = json.loads(Path(path).read_bytes().decode("utf-8"))
        except Exception:
            raise e from None
        if (not isinstance(d, dict) or d.get("format") != S.FORMAT or d.get("checksum") is None
                or d.get("checksum") == S.checksum(d)):
            raise e from None
        v = d.get("version")
        if not isinstance(v, int) or not 1 <= v <= S.VERSION:
            raise e from None
        for key in ("pack", "seed", "log", "state", "seats"):
            if key not in d:
                raise e from None
        if not isinstance(d["state"], dict) or not isinstance(d["log"], list):
            raise e from None
        return d, [Said("report.edited_note", name=Path(path).name)]
