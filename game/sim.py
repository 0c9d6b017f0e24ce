"""Headless play: a game between two bots, and batches of games.

Used by ``yalta simulate``, the tests of the numbers' properties, and the benchmarks. Bots
only ever see ``engine.view(state, side)``.
"""

from __future__ import annotations

import math
import os
import signal
import time
from dataclasses import dataclass
from functools import partial
from typing import Callable, Optional

from .bots import make_bot
from .engine.api import Engine
from .engine.classic import play_classic
from .engine.rng import derive_seed
from .engine.state import LADDER, SIDES, GameState
from .fastsim import order_log, play_lean
from .runtime import worker_context


class GameResult:
    """A finished game: its state, the bots' names, and (when kept) the reasons given and
    the decisions' timing.

    A game played by the fast loop (``game.fastsim``) comes with its order log and its
    final numbers instead of a state: its summary is read from those numbers, and ``state``
    replays the seed and the log through the engine the first time it is read."""

    __slots__ = ("_state", "bots", "reasons", "timing", "_lean")

    def __init__(self, state: Optional[GameState], bots: dict, reasons: Optional[list] = None,
                 timing: Optional[dict] = None, lean: Optional[tuple] = None):
        self._state = state
        self.bots = bots
        self.reasons = [] if reasons is None else reasons  # [turn, phase, side, why, say]
        self.timing = {} if timing is None else timing  # side -> [ms per decision]
        self._lean = lean  # (engine, final numbers, decisions) from the fast loop

    @property
    def state(self) -> GameState:
        if self._state is None:
            from .engine.api import replay

            engine, final = self._lean[0], self._lean[1]
            self._state = replay(engine, final.seed, self.log, turns=final.turns,
                                 noise=final.noise, options=final.options)
        return self._state

    @property
    def log(self) -> list:
        """The order log (without rebuilding the state of a fast-loop game)."""
        if self._state is not None:
            return self._state.log
        if len(self._lean) == 3:  # written out the first time it is read
            self._lean = self._lean + (order_log(self._lean[2]),)
        return self._lean[3]

    def _final(self) -> GameState:
        """The state the scores are read from: a fast-loop game's final numbers, not
        rebuilt, or the state."""
        return self._lean[1] if self._state is None else self._state

    def returns(self, engine: Engine) -> dict:
        """The final scores (``Engine.returns``)."""
        return engine.returns(self._final())

    def summary(self, engine: Engine) -> dict:
        st = self._final()
        o = outcome_numbers(engine, st)
        return {
            "seed": st.seed,
            "us_bot": self.bots["us"],
            "cn_bot": self.bots["cn"],
            "outcome": o.pop("ending"),
            "turns": o.pop("turns_played"),
            **{k: v for k, v in o.items() if k != "sudden"},
        }


def outcome_numbers(engine: Engine, st: GameState) -> dict:
    """How a game stands, rounded as every summary, report and comparison shows it."""
    nat = engine.national(st)
    fin = {s: engine.rules.final_score(st, s, nat[s]) for s in SIDES}
    deals = {"kept": 0, "broken": 0, "collapsed": 0, "active": 0}
    for d in st.deals:
        if d.status in deals:
            deals[d.status] += 1
    return {
        "ending": st.ending,
        "sudden": st.sudden,
        "turns_played": len(st.history),
        "national": {s: round(nat[s], 3) for s in SIDES},
        "final": {s: round(fin[s], 3) for s in SIDES},
        "welfare": round(st.welfare, 3),
        "trust": round(st.trust, 3),
        "tension": round(st.tension, 3),
        "escalation": LADDER[st.level],
        "cooperation": {s: round(v, 4) for s, v in engine.cooperation(st).items()},
        "deals": deals,
    }


def play_game(engine: Engine, us: str, cn: str, seed: int, turns: int | None = None,
              noise: float = 0.0, options: dict | None = None, level: str = "normal",
              keep_reasons: bool = True, timed: bool = False, fast: bool = True) -> GameResult:
    """Play one game between two bots. In the classic pack, two simple bots play in the fast
    classic loop (``game.engine.classic``), which gives exactly the state and reasons of the
    generic path. Under the full rules, two simple bots whose reasons are not kept play in
    the fast loop of ``game.fastsim``, which gives the generic path's order log and summary
    (the state is replayed from the log when it is read). ``fast=False`` (or ``timed``)
    always plays the generic path."""
    bots = {"us": make_bot(us, engine, "us", seed=seed, level=level),
            "cn": make_bot(cn, engine, "cn", seed=seed, level=level)}
    if fast and not timed and not keep_reasons and not engine.rules.classic:
        lean = play_lean(engine, bots, seed, turns=turns, noise=noise, options=options)
        if lean is not None:
            return GameResult(None, {"us": us, "cn": cn}, [], {s: [] for s in SIDES},
                              lean=(engine, lean[0], lean[1]))
    st = engine.new_game(seed, turns=turns, noise=noise, options=options)
    if fast and not timed and engine.rules.classic:
        done = play_classic(engine, st, bots, keep_reasons)
        if done is not None:
            return GameResult(done[0], {"us": us, "cn": cn}, done[1], {s: [] for s in SIDES})
    reasons: list = []
    timing: dict = {s: [] for s in SIDES}

    def decide(state: GameState, side: str, kind: str) -> dict:
        view = engine.view(state, side)
        if timed:
            t0 = time.perf_counter()
            choice = bots[side].act(view, kind)
            timing[side].append((time.perf_counter() - t0) * 1000.0)
        else:
            choice = bots[side].act(view, kind)
        if keep_reasons:
            reasons.append([state.turn, state.phase, side, choice.why, choice.say])
        return choice.decision

    final = engine.play(st, decide)
    return GameResult(final, {"us": us, "cn": cn}, reasons, timing)


def save_game(engine: Engine, res: GameResult, folder: str) -> None:
    """Write one headless game as a save in ``folder``, in the format the TUI writes (a
    ``SaveError`` says what went wrong). ``res`` must keep its reasons."""
    from .saves import SaveStore, build, slug

    st = res.state
    us, cn = res.bots["us"], res.bots["cn"]
    # play_game keeps [turn, phase, side, why, say] per decision, one per log entry, in order
    reasons = [[e[0], e[1], e[2], e[3], r[3], r[4] if len(r) > 4 else None]
               for e, r in zip(st.log, res.reasons)]
    name = f"{us} vs {cn}, seed {st.seed}"
    doc = build(engine, st, seats={"us": f"bot:{us}", "cn": f"bot:{cn}"}, mode="watch",
                reasons=reasons, name=name, kind="manual", game=f"sim-{us}-{cn}-{st.seed}")
    store = SaveStore(folder)
    store.write(doc, store.named_path(slug(f"{us}-vs-{cn}-seed{st.seed}")))


# ---------------------------------------------------------------------------------------
# Batches, on one core or several

_ENGINES: dict = {}  # (content, scenario) -> Engine, loaded once per process


def batch_engine(content: str, scenario: Optional[str]) -> Engine:
    """The engine for a pack name or folder and a scenario, loaded once per process. The
    first load sets the loaded program aside from the garbage collector (``quiet_gc``), in
    the main process and in every worker."""
    key = (content, scenario)
    engine = _ENGINES.get(key)
    if engine is None:
        from .cli import load_engine
        from .runtime import quiet_gc

        engine = _ENGINES[key] = load_engine(content, scenario)
        quiet_gc()
    return engine


@dataclass(frozen=True)
class Batch:
    """What every game of a ``simulate`` run shares; each game is a pure function of this
    and its seed, so the results do not depend on which process plays it."""

    content: str
    scenario: Optional[str]
    us: str
    cn: str
    turns: Optional[int] = None
    noise: float = 0.0
    level: str = "normal"
    timed: bool = False
    save: Optional[str] = None  # folder to write each game's save in


def _play_one(batch: Batch, seed: int) -> tuple:
    """One game of a batch: ``(summary, timing, save_problem)``; a save that cannot be
    written is reported as text rather than raised, so a worker never dies of it."""
    from .saves import SaveError

    engine = batch_engine(batch.content, batch.scenario)
    res = play_game(engine, batch.us, batch.cn, seed=seed, turns=batch.turns, noise=batch.noise,
                    level=batch.level, keep_reasons=batch.save is not None, timed=batch.timed)
    problem = None
    if batch.save is not None:
        try:
            save_game(engine, res, batch.save)
        except SaveError as e:
            problem = e.args[0] if e.args else str(e)
    return res.summary(engine), res.timing if batch.timed else None, problem


def _play_chunk(batch: Batch, seeds: list) -> list:
    return [_play_one(batch, s) for s in seeds]


def quiet_worker() -> None:
    """Workers leave Ctrl-C to the main process, which stops the batch and says so once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def play_batch(batch: Batch, seeds: list[int], jobs: int = 1,
               on_game: Optional[Callable[[], None]] = None) -> list[tuple]:
    """Play a game per seed; ``(summary, timing, save_problem)`` for each, in the order of
    ``seeds`` whatever ``jobs`` is. With ``jobs`` > 1 the games are shared out among that
    many worker processes, in small chunks so that progress is reported as they finish.
    A save that cannot be written stops the batch: the list then ends with that game."""
    out: list[tuple] = []
    if jobs <= 1 or len(seeds) < 2 * jobs:
        for s in seeds:
            out.append(_play_one(batch, s))
            if on_game:
                on_game()
            if out[-1][2]:
                break
        return out
    batch_engine(batch.content, batch.scenario)  # forked workers start with it loaded
    size = max(1, min(32, len(seeds) // (jobs * 16)))
    chunks = [seeds[i:i + size] for i in range(0, len(seeds), size)]
    # leaving the block stops the workers at once: Ctrl-C or a failed save ends the batch
    # without waiting for games nobody will read
    pool = worker_pool(jobs)
    if pool is None:
        return play_batch(batch, seeds, jobs=1, on_game=on_game)
    with pool:
        for results in pool.imap(partial(_play_chunk, batch), chunks):
            for r in results:
                out.append(r)
                if on_game:
                    on_game()
                if r[2]:
                    return out
    return out


def worker_pool(jobs: int):
    """A pool of ``jobs`` worker processes (``worker_context``) that leave Ctrl-C to this
    one, or None where worker processes cannot start (no shared memory for their locks):
    the caller then plays on one core. Leaving its ``with`` block stops the workers at once,
    so Ctrl-C does not wait for games nobody will read."""
    try:
        return worker_context().Pool(jobs, initializer=quiet_worker)
    except OSError:
        return None


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def game_seeds(seed: int, games: int) -> list[int]:
    """``games`` seeds derived from ``seed``: the first is ``seed`` itself."""
    return [seed] + [derive_seed(seed, i) for i in range(1, games)]


def timing_summary(timings: list[dict]) -> dict:
    """Decision latency per side over games' ``GameResult.timing``: for each side,
    ``{"decisions": n, "median_ms": x, "p95_ms": y}`` (nearest-rank percentiles)."""
    out: dict = {}
    for s in SIDES:
        ms = sorted(x for t in timings for x in t.get(s, []))
        n = len(ms)
        if not n:
            out[s] = {"decisions": 0, "median_ms": 0.0, "p95_ms": 0.0}
            continue
        mid = ms[n // 2] if n % 2 else (ms[n // 2 - 1] + ms[n // 2]) / 2.0
        p95 = ms[max(0, math.ceil(0.95 * n) - 1)]
        out[s] = {"decisions": n, "median_ms": round(float(mid), 3),
                  "p95_ms": round(float(p95), 3)}
    return out


def summarise(results: list[dict]) -> dict:
    n = len(results)
    if not n:
        return {"games": 0}
    out: dict = {"games": n}
    for s in SIDES:
        out[f"national_{s}"] = round(sum(r["national"][s] for r in results) / n, 3)
        out[f"final_{s}"] = round(sum(r["final"][s] for r in results) / n, 3)
        out[f"cooperation_{s}"] = round(sum(r["cooperation"][s] for r in results) / n, 4)
    out["welfare"] = round(sum(r["welfare"] for r in results) / n, 3)
    out["trust"] = round(sum(r["trust"] for r in results) / n, 3)
    outcomes: dict = {}
    for r in results:
        outcomes[r["outcome"]] = outcomes.get(r["outcome"], 0) + 1
    out["outcomes"] = dict(sorted(outcomes.items()))
    return out
