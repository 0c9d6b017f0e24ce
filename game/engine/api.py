"""The engine's public verbs, in the OpenSpiel spirit.

Every verb takes a state and returns a new one; nothing it is given is mutated. The CLI,
the TUI, the bots and the network server all go through these.

    eng = Engine(load_pack("default"))
    st = eng.new_game(seed=7)
    eng.awaiting(st)            # {"us": "talk", "cn": "talk"}
    st = eng.submit(st, "us", {"kind": "talk", "propose": None})
    st = eng.advance(st)        # once nobody is awaited
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Callable, Optional

from ..content.loader import Pack, load_pack
from .rng import Stream
from .rules import ENDINGS, IllegalMove, Rules
from .state import HIDDEN, SIDES, GameState, other

__all__ = ["Engine", "IllegalMove", "ENDINGS", "engine_for", "replay"]


class Engine:
    def __init__(self, pack: Pack, scenario: str | None = None):
        self.pack = pack
        self.rules = Rules(pack, scenario)
        self.scenario = self.rules.scenario

    # -- the game's verbs ----------------------------------------------------------------
    def new_game(self, seed: int, turns: int | None = None, noise: float = 0.0,
                 options: dict | None = None) -> GameState:
        return self.rules.new_state(seed, turns=turns, noise=noise, options=options)

    def awaiting(self, st: GameState) -> dict:
        return self.rules.awaiting(st)

    def legal_actions(self, st: GameState, side: str) -> list[str]:
        return self.rules.legal_actions(st, side)

    def legal_offers(self, st: GameState, side: str) -> list[str]:
        return self.rules.legal_offers(st, side)

    def response_options(self, st: GameState, side: str) -> list[str]:
        return self.rules.response_options(st, side)

    def submit(self, st: GameState, side: str, decision: dict) -> GameState:
        new = st.clone()
        self.rules.submit(new, side, decision)
        return new

    def advance(self, st: GameState, event: str | None = None) -> GameState:
        """Resolve the current phase; from an assessment, ``event`` may name the next turn's
        news instead of a drawn one (a facilitator's injected event)."""
        new = st.clone()
        self.rules.advance(new, event)
        return new

    def apply(self, st: GameState, inputs: dict) -> GameState:
        """Submit every side's input for this phase at once, then advance."""
        new = st.clone()
        for side in SIDES:
            if side in inputs:
                self.rules.submit(new, side, inputs[side])
        self.rules.advance(new)
        return new

    def is_terminal(self, st: GameState) -> bool:
        return st.phase == "over"

    def returns(self, st: GameState) -> dict:
        """Final scores (national and welfare weighed as the scenario says)."""
        return {s: self.rules.final_score(st, s) for s in SIDES}

    def national(self, st: GameState) -> dict:
        return {s: self.rules.national(st, s, final=st.phase == "over") for s in SIDES}

    def cooperation(self, st: GameState) -> dict:
        return self.rules.cooperation(st)

    # -- what a side may see -------------------------------------------------------------
    def view(self, st: GameState, side: str) -> GameState:
        """What ``side`` may see of the state: the other side's objective and unrevealed
        inputs, the truth behind unrevealed incidents, the other side's undetected breaches
        and the random stream (the future) are taken out.

        The view is read-only: it shares the parts that hold no secret with ``st`` (which the
        public verbs never change), so it costs little to make. Clone it before changing it.
        """
        over = st.phase == "over"
        foe = other(side)
        sides = dict(st.sides)
        if not over:
            f = sides[foe]
            if f.objective is not None:
                f = f.clone()
                f.objective = None
                sides[foe] = f
        pending = st.pending
        if foe in pending:
            pending = dict(pending)
            pending[foe] = HIDDEN
        incidents = st.incidents
        if not over and incidents:
            incidents = [i if i.revealed else _fogged(i) for i in incidents]
        deals = st.deals
        if deals:
            deals = [d if all(b[1] == side or b[2] for b in d.breaches) else _breaches_seen(d, side)
                     for d in deals]
        secrets = st.secrets
        log = st.log
        if not over:
            if secrets:
                secrets = [x for x in secrets if x[1] == side]
            i = len(log) - 1
            masked = None
            while i >= 0 and log[i][0] == st.turn:  # only this turn's entries can be unrevealed
                e = log[i]
                if e[3] != side and not _revealed(st, e):
                    if masked is None:
                        masked = list(log)
                    masked[i] = [e[0], e[1], e[2], e[3], HIDDEN]
                i -= 1
            if masked is not None:
                log = masked
        return GameState(
            st.pack, st.scenario, -1, st.noise, st.turns, st.turn, st.phase, sides, st.start,
            st.trust, st.tension, st.welfare, st.risk, st.channels, st.swing, deals, incidents,
            st.used_events, st.news_responders, pending, st.talk_round, st.open_offers,
            st.history, st.current, log, Stream(0), secrets, st.next_id, st.ending, st.sudden,
            st.options)

    # -- a whole game --------------------------------------------------------------------
    def play(self, st: GameState, decide: Callable[[GameState, str, str], dict],
             on_step: Optional[Callable[[GameState], None]] = None) -> GameState:
        """Play to the end; ``decide(state, side, kind)`` returns a side's input. Works on a
        private copy in place, which is what makes batch simulation fast."""
        st = st.clone()
        rules = self.rules
        while st.phase != "over":
            waiting = rules.awaiting(st)
            if waiting:
                for side, kind in waiting.items():
                    rules.submit(st, side, decide(st, side, kind))
            rules.advance(st)
            if on_step:
                on_step(st)
        return st

    # -- saving and replaying ------------------------------------------------------------
    @staticmethod
    def to_json(st: GameState) -> str:
        return json.dumps(st.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @staticmethod
    def from_json(text: str) -> GameState:
        return GameState.from_dict(json.loads(text))


def _fogged(inc):
    c = inc.clone()
    c.false_flag = None
    return c


def _breaches_seen(deal, side: str):
    d = deal.clone()
    d.breaches = [b for b in d.breaches if b[1] == side or b[2]]
    return d


def _revealed(st: GameState, entry: list) -> bool:
    """A log entry of the other side's is public once its phase has been resolved."""
    turn, phase = entry[0], entry[1]
    if turn < st.turn or st.phase == "over":
        return True
    if phase == "talks" and entry[2] < st.talk_round:
        return True
    return _PHASE_ORDER[st.phase] > _PHASE_ORDER[phase]


_PHASE_ORDER = {"news": 0, "talks": 1, "orders": 2, "resolution": 3, "assessment": 4}


@lru_cache(maxsize=16)
def engine_for(pack: str, scenario: str | None = None) -> Engine:
    """A cached engine for a pack name or path and a scenario id."""
    return Engine(load_pack(pack), scenario)


def replay(engine: Engine, seed: int, log: list, turns: int | None = None, noise: float = 0.0,
           options: dict | None = None, upto: int | None = None) -> GameState:
    """Rebuild a game from its seed and order log (optionally only the first ``upto``)."""
    st = engine.new_game(seed, turns=turns, noise=noise, options=options)
    entries = log if upto is None else log[:upto]
    rules = engine.rules
    st = st.clone()
    i = 0
    while i < len(entries):
        if st.phase == "over":
            raise IllegalMove("log_after_end", n=i + 1)
        waiting = rules.awaiting(st)
        if not waiting:
            rules.advance(st)
            continue
        turn, phase, rnd, side, decision = entries[i]
        if (turn, phase) != (st.turn, st.phase) or side not in waiting:
            raise IllegalMove("log_out_of_order", n=i + 1, side=side, phase=phase, turn=turn,
                              awaited=tuple(waiting), now_phase=st.phase, now_turn=st.turn)
        rules.submit(st, side, decision)
        i += 1
    while st.phase != "over" and not rules.awaiting(st) and upto is None:
        rules.advance(st)
    return st
