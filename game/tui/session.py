"""A game being played: the engine, the state, who sits in each seat, the bots, autosave.

UI-free, so that the screens only render it and tests can drive it directly. The App owns one
``Session`` at a time; every input goes through ``submit`` and every phase change through
``advance``, and each is followed by an autosave, so a crash loses at most the phase in
progress.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Optional

from ..i18n import Said, bot_label
from ..bots import Choice, make_bot
from ..engine import Engine, SIDES
from ..engine.api import engine_for
from .. import saves as S


def new_seed() -> int:
    return secrets.randbelow(10**6)


@dataclass
class Session:
    engine: Engine
    state: object
    seats: dict  # side -> "human" | "bot:NAME"
    level: str = "normal"
    mode: str = "hotseat"  # hotseat | bot | watch
    reasons: list = field(default_factory=list)  # [turn, phase, round, side, why, say]
    game_id: str = ""
    store: Optional[S.SaveStore] = None
    autosave_enabled: bool = True
    saved_log_len: int = -1  # length of the log at the last manual save
    last_autosave: Optional[str] = None
    bots: dict = field(default_factory=dict)

    def __post_init__(self):
        self._lock = threading.Lock()
        if not self.game_id:
            self.game_id = f"{time.strftime('%Y%m%d-%H%M%S')}-{self.state.seed}"
        for side, seat in self.seats.items():
            if seat.startswith("bot:"):
                self.bots[side] = make_bot(seat[4:], self.engine, side, seed=self.state.seed,
                                           level=self.level)

    # -- making one ----------------------------------------------------------------------
    @classmethod
    def new(cls, pack: str, scenario: Optional[str], seed: int, seats: dict, *,
            turns: Optional[int] = None, noise: float = 0.0, level: str = "normal",
            mode: str = "hotseat", store: Optional[S.SaveStore] = None) -> "Session":
        engine = engine_for(pack, scenario)
        state = engine.new_game(seed, turns=turns, noise=noise)
        return cls(engine, state, dict(seats), level=level, mode=mode, store=store)

    @classmethod
    def from_save(cls, loaded: S.Loaded, store: Optional[S.SaveStore] = None) -> "Session":
        d = loaded.data
        s = cls(loaded.engine, loaded.state, dict(d["seats"]), level=d.get("level", "normal"),
                mode=d.get("mode", "hotseat"), reasons=list(d.get("reasons", [])),
                game_id=d.get("game") or "", store=store)
        s.saved_log_len = len(loaded.state.log)
        return s

    # -- who acts ------------------------------------------------------------------------
    @property
    def pack(self):
        return self.engine.pack

    def is_human(self, side: str) -> bool:
        return self.seats.get(side) == "human"

    @property
    def humans(self) -> list[str]:
        return [s for s in SIDES if self.is_human(s)]

    def bot_name(self, side: str, lang: str | None = None) -> str:
        """The bot's personality in a seat, in ``lang`` when given (else its id)."""
        seat = self.seats.get(side, "")
        name = seat[4:] if seat.startswith("bot:") else ""
        return bot_label(name, lang) if (name and lang) else name

    def awaiting(self) -> dict:
        return self.engine.awaiting(self.state)

    def human_awaiting(self) -> dict:
        return {s: k for s, k in self.awaiting().items() if self.is_human(s)}

    def bot_awaiting(self) -> dict:
        return {s: k for s, k in self.awaiting().items() if not self.is_human(s)}

    @property
    def over(self) -> bool:
        return self.state.phase == "over"

    def can_advance(self) -> bool:
        return not self.over and not self.awaiting()

    def view(self, side: Optional[str]):
        return self.state if side is None else self.engine.view(self.state, side)

    def stamp(self) -> tuple:
        """Where the game stands: a bot's answer is only used at the stamp it was made for."""
        st = self.state
        return (st.turn, st.phase, st.talk_round, len(st.log))

    # -- acting --------------------------------------------------------------------------
    def submit(self, side: str, decision: dict) -> None:
        """Raises ``IllegalMove`` with a readable message when the rules say no."""
        with self._lock:
            self.state = self.engine.submit(self.state, side, decision)
        self.autosave()

    def think(self, side: str, kind: str) -> Choice:
        """A bot's choice for the current state (safe to call from a worker thread)."""
        view = self.engine.view(self.state, side)
        return self.bots[side].act(view, kind)

    def apply_bot(self, side: str, choice: Choice) -> None:
        st = self.state
        self.reasons.append([st.turn, st.phase, st.talk_round, side, choice.why, choice.say])
        self.submit(side, choice.decision)

    def advance(self) -> None:
        with self._lock:
            self.state = self.engine.advance(self.state)
        self.autosave()

    def reasons_for(self, turn: int, phase: Optional[str] = None) -> list:
        return [r for r in self.reasons if r[0] == turn and (phase is None or r[1] == phase)]

    # -- saving --------------------------------------------------------------------------
    def document(self, kind: str = "auto", name: str = "") -> dict:
        return S.build(self.engine, self.state, seats=self.seats, level=self.level,
                       mode=self.mode, reasons=self.reasons, name=name or self.title(),
                       kind=kind, game=self.game_id)

    def title(self) -> str:
        st = self.state
        who = " vs ".join(f"{s}:{self.seats[s]}" for s in SIDES)
        return f"{self.engine.scenario.id} t{st.turn}/{st.turns} {st.phase} ({who})"

    def autosave(self) -> Optional[str]:
        """Write the autosave; returns an error line instead of raising (the game goes on)."""
        if not self.autosave_enabled or self.store is None:
            return None
        try:
            self.store.autosave(self.document("auto"))
            self.last_autosave = None
        except S.SaveError as e:
            self.last_autosave = str(e)
        return self.last_autosave

    def save_as(self, name: str):
        if self.store is None:
            raise S.SaveError(Said("save_error.no_folder"))
        path = self.store.save_as(self.document("manual", name), name)
        self.saved_log_len = len(self.state.log)
        return path

    @property
    def unsaved(self) -> bool:
        """Progress not in any save: only when autosave is off or failing."""
        if self.autosave_enabled and self.store is not None and self.last_autosave is None:
            return False
        return len(self.state.log) != self.saved_log_len
