"""Hypothesis plays random legal games and checks the invariants after every step."""

import json

import hypothesis.strategies as stx
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from game.content.loader import load_pack
from game.engine import Engine, IllegalMove, replay
from game.engine.state import HIDDEN, RISKS, SIDES, STATS, GameState

ENGINES = {"default": Engine(load_pack("default")),
           "parallel": Engine(load_pack("default"), "parallel_2027"),
           "classic": Engine(load_pack("classic"))}


def _snapshot(st: GameState) -> str:
    return json.dumps(st.to_dict(), sort_keys=True)


class RandomGames(RuleBasedStateMachine):
    @initialize(which=stx.sampled_from(sorted(ENGINES)), seed=stx.integers(0, 2**32),
                noise=stx.sampled_from([0.0, 0.1, 0.3]), turns=stx.integers(1, 5))
    def start(self, which, seed, noise, turns):
        self.eng = ENGINES[which]
        self.st = self.eng.new_game(seed, turns=turns, noise=noise)
        self.seed, self.noise, self.turns = seed, noise, turns

    def _step(self, new: GameState, before: str, old: GameState) -> None:
        assert _snapshot(old) == before, "the engine mutated its input"
        self.st = new

    @precondition(lambda self: self.st.phase != "over")
    @rule(data=stx.data())
    def act(self, data):
        eng, st = self.eng, self.st
        before = _snapshot(st)
        waiting = eng.awaiting(st)
        if not waiting:
            self._step(eng.advance(st), before, st)
            return
        side = data.draw(stx.sampled_from(sorted(waiting)))
        kind = waiting[side]
        if kind == "response":
            d = {"kind": "response", "option": data.draw(stx.sampled_from(eng.response_options(st, side)))}
        elif kind == "orders":
            legal = eng.legal_actions(st, side)
            if eng.rules.classic:
                picks = [data.draw(stx.sampled_from(legal))]
            else:
                picks, budget = [], st.sides[side].capital
                for a in data.draw(stx.lists(stx.sampled_from(legal), unique=True, max_size=3)) if legal else []:
                    c = eng.rules.card_cost(st, side, a)
                    if c <= budget:
                        picks.append(a)
                        budget -= c
            d = {"kind": "orders", "actions": picks}
        else:
            answers = {str(o["id"]): data.draw(stx.sampled_from(["accept", "reject"]))
                       for o in st.open_offers if o["to"] == side}
            prop = None
            offers = eng.legal_offers(st, side)
            if offers and st.talk_round < eng.rules.r.talk_rounds and data.draw(stx.booleans()):
                oid = data.draw(stx.sampled_from(offers))
                choices = eng.rules.verification_choices(st, oid)
                if choices:
                    prop = {"offer": oid,
                            "duration": data.draw(stx.sampled_from(eng.pack.offers[oid].terms.durations)),
                            "verification": data.draw(stx.sampled_from(choices))}
            d = {"kind": "talk", "responses": answers, "propose": prop,
                 "message": data.draw(stx.one_of(stx.none(), stx.text(max_size=40)))}
        self._step(eng.submit(st, side, d), before, st)

    @precondition(lambda self: self.st.phase != "over")
    @rule(junk=stx.one_of(stx.none(), stx.integers(), stx.text(max_size=5),
                          stx.dictionaries(stx.text(max_size=6), stx.integers(), max_size=3)))
    def bad_input_is_refused(self, junk):
        before = _snapshot(self.st)
        for side in SIDES:
            try:
                self.eng.submit(self.st, side, junk)
            except IllegalMove:
                pass
            else:  # an empty dict can be a valid pass in talks or orders
                assert isinstance(junk, dict)
        assert _snapshot(self.st) == before

    @precondition(lambda self: self.st.phase == "over")
    @rule()
    def nothing_moves_after_the_end(self):
        for call in (lambda: self.eng.advance(self.st),
                     lambda: self.eng.submit(self.st, "us", {"kind": "orders", "actions": []})):
            try:
                call()
            except IllegalMove:
                pass
            else:
                raise AssertionError("the game went on after it ended")

    @invariant()
    def numbers_in_bounds(self):
        st = self.st
        if not hasattr(self, "st"):
            return
        assert 0 <= st.trust <= 100 and 0 <= st.tension <= 100
        for k in RISKS:
            assert 0 <= st.risk[k] <= 100
        for s in SIDES:
            for k in STATS:
                v = getattr(st.sides[s], k)
                assert 0 <= v <= (20 if k == "capital" else 100), (s, k, v)
        for ch in st.channels.values():
            assert 0 <= ch.strength <= 100
            assert ch.open or ch.strength == 0
        for v in st.swing.values():
            assert -100 <= v <= 100
        assert 1 <= st.turn <= st.turns

    @invariant()
    def views_keep_secrets(self):
        st = self.st
        for side in SIDES:
            foe = "cn" if side == "us" else "us"
            v = self.eng.view(st, side)
            if st.phase != "over":
                assert v.sides[foe].objective is None
                assert v.sides[side].objective == st.sides[side].objective
                for inc in v.incidents:
                    if not inc.revealed:
                        assert inc.false_flag is None
            if foe in st.pending:
                assert v.pending[foe] == HIDDEN
            assert v.seed == -1 and v.rng.buf == ()
            text = json.dumps(v.to_dict())
            if foe in st.pending and st.phase == "orders":
                for e in v.log:
                    if e[3] == foe and e[0] == st.turn and e[1] == "orders":
                        assert e[4] == HIDDEN
            if st.phase != "over":  # the end of the game reveals everything, as a debrief does
                for t in v.secrets:
                    assert t[1] == side, t
            assert isinstance(text, str)

    @invariant()
    def json_round_trip_is_identity(self):
        d = self.st.to_dict()
        again = GameState.from_dict(json.loads(json.dumps(d)))
        assert again.to_dict() == json.loads(json.dumps(d))
        assert Engine.to_json(again) == Engine.to_json(self.st)

    @invariant()
    def replay_is_identity(self):
        st = self.st
        again = replay(self.eng, self.seed, st.log, turns=self.turns, noise=self.noise,
                       upto=len(st.log))
        # replay stops where the log ends; advance through phases that need no input
        while again.phase != st.phase or again.turn != st.turn or again.talk_round != st.talk_round:
            if self.eng.awaiting(again) or again.phase == "over":
                break
            again = self.eng.advance(again)
        assert Engine.to_json(again) == Engine.to_json(st)


RandomGames.TestCase.settings = settings(max_examples=30, stateful_step_count=50, deadline=None,
                                         suppress_health_check=[HealthCheck.too_slow])
TestRandomGames = RandomGames.TestCase
