"""One table of networked play: a game, its seats and the facilitator's levers.

No sockets here: the server calls these methods and sends what they return. Every change
to the game goes through the engine's verbs (``submit``, ``advance``); the facilitator's
levers that the engine has no verb for (inject an event, end the game now) are built from
the engine's own rules so that the numbers move exactly as they would in play.

Game states are never changed in place (the engine's verbs return new ones), so a state a
table has handed out (to a save in progress, say) stays as it was.
"""

from __future__ import annotations

import time
from typing import Optional

from ..engine import Engine, IllegalMove
from ..engine.rng import Stream
from ..engine.state import HIDDEN, SIDES, GameState, TurnRecord
from ..sim import GameResult

MAX_REASONS = 5000


class OutOfTurn(Exception):
    """An input from a side the game is not waiting for (or for another moment)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def moment(st: GameState) -> str:
    """Where a game stands, as a submit's ``at`` names it: ``turn/phase/round``."""
    return f"{st.turn}/{st.phase}/{st.talk_round}"


def public_view(engine: Engine, st: GameState, reveal: bool = False) -> GameState:
    """What the whole room may see: neither side's secrets (unless the facilitator has
    revealed them), nobody's unrevealed input, no random stream."""
    over = st.phase == "over"
    v = st.clone()
    v.rng = Stream(0)
    v.seed = -1
    if over:
        return v
    if not reveal:
        for s in SIDES:
            v.sides[s].objective = None
        v.secrets = []
        for inc in v.incidents:
            if not inc.revealed:
                inc.false_flag = None
        for d in v.deals:
            d.breaches = [b for b in d.breaches if b[2]]
    v.pending = {s: HIDDEN for s in st.pending}
    vu, vc = engine.view(st, "us"), engine.view(st, "cn")
    v.log = [a if a[4] == HIDDEN else b for a, b in zip(vu.log, vc.log)]
    return v


def default_decision(engine: Engine, st: GameState, side: str, kind: str) -> dict:
    """What a side does when its time runs out: the most neutral answer, no offer, no card."""
    if kind == "response":
        opts = engine.response_options(st, side)
        ev = engine.pack.events[st.current.event]
        stance = {o.id: o.stance for o in ev.responses.options}
        pick = next((o for o in opts if stance.get(o) == "neutral"), opts[0])
        return {"kind": "response", "option": pick}
    if kind == "talk":
        return {"kind": "talk", "responses": {}, "propose": None, "message": None}
    legal = engine.legal_actions(st, side)
    if engine.rules.classic:
        coop = [a for a in legal if engine.rules.actions[a].stance == "cooperative"]
        return {"kind": "orders", "actions": (coop or legal)[:1]}
    return {"kind": "orders", "actions": []}


def end_now(engine: Engine, st: GameState) -> GameState:
    """The game ends where it stands: the turn in progress is not scored as a turn, the
    ending is labelled from the turns played."""
    rules = engine.rules
    if st.phase == "assessment":  # the turn is complete: let it be the last
        new = st.clone()
        new.turns = new.turn
        return engine.advance(new)
    new = st.clone()
    new.pending = {}
    new.news_responders = []
    new.open_offers = []
    if not rules.classic:
        for s in SIDES:
            new.sides[s].national = rules.national(new, s, final=True)
    if new.ending is None:
        new.ending = "classic" if rules.classic else rules.ending_label(new)
    new.phase = "over"
    new.current = TurnRecord(new.turn)
    return new


class Table:
    """A game at one table, who sits at it, and the facilitator's settings for it."""

    def __init__(self, table_id: str, engine: Engine, state: GameState, codes: dict,
                 meta: Optional[dict] = None, reasons: Optional[list] = None):
        meta = meta or {}
        self.id = table_id
        self.engine = engine
        self.state = state
        self.codes = dict(codes)  # us / cn / watch -> code
        self.seats: dict = dict(meta.get("seats") or {"us": "human", "cn": "human"})
        self.paused: bool = bool(meta.get("paused", False))
        self.timer: Optional[float] = meta.get("timer")
        self.revealed: bool = bool(meta.get("revealed", False))
        self.injected: list = list(meta.get("injected_queue", []))
        self.injections: list = list(meta.get("injections", []))  # [turn, event] done
        self.ended_by: Optional[str] = meta.get("ended_by")
        self.reasons: list = list(reasons or [])
        self.step = int(meta.get("step", 0))
        self.prev: Optional[GameState] = None  # the last assessment, to inject an event now
        self.deadline: Optional[float] = None  # time.monotonic() when the phase times out
        self.deadline_key: Optional[str] = None
        self.remaining: Optional[float] = None  # seconds left, while paused
        self.saved_at: Optional[str] = None  # the moment of the last save
        self.saved_time = 0.0  # time.monotonic() of the last save
        self.trail: list = []  # states passed through since the server last told the clients

    # -- reads ---------------------------------------------------------------------------
    @property
    def over(self) -> bool:
        return self.state.phase == "over"

    def awaiting(self) -> dict:
        return self.engine.awaiting(self.state)

    def meta(self) -> dict:
        return {"table": self.id, "seats": dict(self.seats), "paused": self.paused,
                "timer": self.timer, "revealed": self.revealed,
                "injected_queue": list(self.injected), "injections": list(self.injections),
                "ended_by": self.ended_by, "step": self.step}

    def snapshot(self) -> "Table":
        """A frozen copy to save from another thread (states themselves never change)."""
        snap = Table.__new__(Table)
        snap.__dict__.update(self.__dict__)
        snap.seats = dict(self.seats)
        snap.reasons = list(self.reasons)
        snap.injected = list(self.injected)
        snap.injections = list(self.injections)
        snap.trail = []
        return snap

    def seconds_left(self) -> Optional[float]:
        if self.paused:
            return None if self.remaining is None else round(self.remaining, 1)
        if self.deadline is None:
            return None
        return round(max(0.0, self.deadline - time.monotonic()), 1)

    def summary(self) -> dict:
        """The game's numbers in the keys of ``yalta simulate --json`` (one game)."""
        bots = {s: self.seats.get(s, "human").removeprefix("bot:") for s in SIDES}
        return GameResult(self.state, bots).summary(self.engine)

    def view(self, who: str, state: Optional[GameState] = None) -> GameState:
        """``us``/``cn``: that side's view; ``public``: the room's."""
        st = self.state if state is None else state
        if who in SIDES:
            return self.engine.view(st, who)
        return public_view(self.engine, st, reveal=self.revealed)

    # -- play ----------------------------------------------------------------------------
    def submit(self, side: str, decision: dict, at: Optional[str] = None,
               why: Optional[str] = None) -> None:
        st = self.state
        if st.phase == "over":
            raise OutOfTurn("game_over", "the game is over")
        if at is not None and at != moment(st):
            raise OutOfTurn("stale", f"the game has moved on: it is at {moment(st)}, not {at}")
        want = self.engine.awaiting(st).get(side)
        if want is None:
            if side in st.pending:
                raise OutOfTurn("not_your_turn", f"{side} has already given its input for the "
                                                 f"{st.phase} phase")
            raise OutOfTurn("not_your_turn", f"no input is awaited from {side} in the "
                                             f"{st.phase} phase")
        try:
            new = self.engine.submit(st, side, decision)
        except IllegalMove:
            raise
        except Exception as e:  # odd JSON the rules did not foresee: still just a bad move
            raise IllegalMove(f"that decision cannot be read ({type(e).__name__})") from None
        if why and len(self.reasons) < MAX_REASONS:
            self.reasons.append([st.turn, st.phase, st.talk_round, side, why])
        self.state = new
        self.step += 1

    def progress(self) -> int:
        """Advance while nobody is awaited (and the table is not paused); returns steps."""
        n = 0
        while not self.paused and self.state.phase != "over" and not self.engine.awaiting(self.state):
            self._advance()
            n += 1
        return n

    def step_once(self) -> bool:
        """The facilitator moves a paused table on by one phase (when nobody is awaited)."""
        if self.state.phase == "over" or self.engine.awaiting(self.state):
            return False
        self._advance()
        return True

    def _advance(self) -> None:
        st = self.state
        if st.phase == "assessment" and st.turn < st.turns and st.ending is None:
            self.prev = st
            if self.injected:
                eid = self.injected.pop(0)
                self.state = self.engine.advance(st, event=eid)
                self.injections.append([self.state.turn, eid])
            else:
                self.state = self.engine.advance(st)
        else:
            self.state = self.engine.advance(st)
        self.step += 1
        self.trail.append(self.state)

    def expire(self) -> list[str]:
        """Time is up: every side still awaited gets the default decision."""
        out = []
        st = self.state
        for side, kind in self.engine.awaiting(st).items():
            dec = default_decision(self.engine, self.state, side, kind)
            self.submit(side, dec, why="time ran out")
            out.append(side)
        return out

    # -- the facilitator's levers --------------------------------------------------------
    def pause(self) -> None:
        if not self.paused:
            self.paused = True
            self.remaining = self.seconds_left() if self.deadline is not None else None
            self.deadline = None

    def resume(self) -> None:
        if self.paused:
            self.paused = False
            if self.remaining is not None:
                self.deadline = time.monotonic() + self.remaining
            self.remaining = None

    def set_timer(self, seconds: Optional[float]) -> None:
        self.timer = float(seconds) if seconds else None
        self.deadline = self.deadline_key = None
        self.remaining = None
        self.arm()

    def arm(self) -> None:
        """Start the phase clock when a new moment begins (call after every change)."""
        if self.timer is None or self.over or not self.awaiting():
            self.deadline = self.deadline_key = None
            return
        key = moment(self.state)
        if key != self.deadline_key:
            self.deadline_key = key
            if self.paused:
                self.remaining = self.timer
                self.deadline = None
            else:
                self.deadline = time.monotonic() + self.timer
                self.remaining = None

    def timed_out(self, now: float) -> bool:
        return (not self.paused and self.deadline is not None and now >= self.deadline
                and not self.over)

    def inject(self, event_id: str) -> str:
        """Put ``event_id`` in the news: at once if this turn's news has just come and nobody
        has answered it yet, else at the start of the next turn. Returns "now" or "next"."""
        eng = self.engine
        if eng.rules.classic:
            raise IllegalMove("the classic game has no news to inject")
        if event_id not in eng.pack.events:
            raise IllegalMove(f"no event {event_id!r} in pack {eng.pack.id!r}")
        st = self.state
        if st.phase == "over":
            raise IllegalMove("the game is over")
        prev = self.prev
        if (st.phase == "news" and not st.pending and prev is not None
                and prev.turn == st.turn - 1 and not any(t == st.turn for t, _ in self.injections)):
            self.state = eng.advance(prev, event=event_id)
            self.injections.append([st.turn, event_id])
            self.step += 1
            return "now"
        if st.turn >= st.turns:
            raise IllegalMove("this is the last turn: there is no next turn's news")
        self.injected.append(event_id)
        return "next"

    def end(self, when: str = "now") -> None:
        st = self.state
        if st.phase == "over":
            raise IllegalMove("the game is already over")
        self.ended_by = when
        if when == "after_turn":
            new = st.clone()
            new.turns = new.turn
            self.state = new
        else:
            self.state = end_now(self.engine, st)
        self.step += 1
