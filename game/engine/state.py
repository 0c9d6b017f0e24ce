"""The game state: plain data that serialises to JSON and back exactly.

Classes are mutable slotted dataclasses so that the rules can work on a private copy fast;
the public verbs in ``game.engine.api`` never mutate what they are given (they clone first).
Completed turn records and log entries are never changed after they are written, so clones
share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from .rng import Stream

SIDES = ("us", "cn")
STATS = ("compute", "capability", "economy", "security", "influence", "capital", "pressure")
RISKS = ("cyber", "bio", "autonomy")
PHASES = ("news", "talks", "orders", "resolution", "assessment", "over")
LADDER = ("detente", "competition", "friction", "crisis", "confrontation", "conflict")
LADDER_FLOORS = (0, 15, 35, 55, 75, 100)
HIDDEN = "hidden"


def other(side: str) -> str:
    return "cn" if side == "us" else "us"


def ladder_level(tension: float) -> int:
    lvl = 0
    for i, floor in enumerate(LADDER_FLOORS):
        if tension >= floor:
            lvl = i
    return lvl


@dataclass(slots=True)
class Side:
    compute: float
    capability: float
    economy: float
    security: float
    influence: float
    capital: float
    pressure: float
    objective: Optional[str]  # secret: None in the other side's view
    national: float = 0.0  # running national score (classic mode: summed payoffs)

    def clone(self) -> "Side":
        return Side(self.compute, self.capability, self.economy, self.security, self.influence,
                    self.capital, self.pressure, self.objective, self.national)

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}

    @classmethod
    def from_dict(cls, d: dict) -> "Side":
        return cls(**d)


@dataclass(slots=True)
class ChannelState:
    open: bool
    strength: float

    def clone(self) -> "ChannelState":
        return ChannelState(self.open, self.strength)


@dataclass(slots=True)
class Deal:
    id: int
    offer: str
    proposer: str
    duration: int
    verification: str
    signed: int
    ends: int
    status: str = "active"  # active | kept | broken | collapsed
    # [turn, side, detected]; undetected entries are secret from the other side
    breaches: list = field(default_factory=list)
    alarms: list = field(default_factory=list)  # [turn, accused side]: false alarms

    def clone(self) -> "Deal":
        return Deal(self.id, self.offer, self.proposer, self.duration, self.verification,
                    self.signed, self.ends, self.status, list(self.breaches), list(self.alarms))

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}

    @classmethod
    def from_dict(cls, d: dict) -> "Deal":
        return cls(**d)


@dataclass(slots=True)
class Incident:
    """Attribution fog: something blamed on a side, with a confidence; the truth is secret
    until forensics reveal it (``reveal_turn``), or a channel clears it at once."""

    id: int
    turn: int
    kind: str  # "event" | "noise" | "alarm"
    source: Optional[str]  # event id or deal id as text
    blamed: str
    confidence: float
    false_flag: Optional[bool]  # None in a view while unrevealed
    reveal_turn: int
    revealed: bool = False
    clarified: bool = False

    def clone(self) -> "Incident":
        return Incident(self.id, self.turn, self.kind, self.source, self.blamed, self.confidence,
                        self.false_flag, self.reveal_turn, self.revealed, self.clarified)

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}

    @classmethod
    def from_dict(cls, d: dict) -> "Incident":
        return cls(**d)


@dataclass(slots=True)
class TurnRecord:
    """Everything that happened in one turn. Written during the turn, frozen after it."""

    turn: int
    event: Optional[str] = None
    incidents: list = field(default_factory=list)  # incident ids created this turn
    responses: dict = field(default_factory=dict)  # side -> option id
    offers: list = field(default_factory=list)  # dicts: id, from, offer, duration, verification, round, status
    messages: list = field(default_factory=list)  # [round, side, text]
    orders: dict = field(default_factory=dict)  # side -> [action ids]
    changes: list = field(default_factory=list)  # [phase, target, delta, after, cause]
    posture: dict = field(default_factory=dict)  # side -> "C" | "D" (what the side did)
    public: dict = field(default_factory=dict)  # side -> "C" | "D" (what the world saw)
    snapshot: dict = field(default_factory=dict)  # numbers at the end of the turn, for charts

    def clone(self) -> "TurnRecord":
        return TurnRecord(self.turn, self.event, list(self.incidents), dict(self.responses),
                          [dict(o) for o in self.offers], list(self.messages),
                          {k: list(v) for k, v in self.orders.items()}, list(self.changes),
                          dict(self.posture), dict(self.public), dict(self.snapshot))

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}

    @classmethod
    def from_dict(cls, d: dict) -> "TurnRecord":
        return cls(**d)


@dataclass(slots=True)
class GameState:
    """The whole game. Mappings keep a canonical order (sides as SIDES, risks as RISKS,
    channels and swing states by id) so that a state read back from JSON, whose keys may have
    been sorted, plays on exactly as the original would."""

    pack: str
    scenario: str
    seed: int
    noise: float
    turns: int
    turn: int
    phase: str
    sides: dict  # side -> Side
    start: dict  # side -> {stat: value} at the start, for national scores
    trust: float
    tension: float
    welfare: float
    risk: dict  # cyber/bio/autonomy -> float
    channels: dict  # id -> ChannelState
    swing: dict  # id -> lean (+ toward us)
    deals: list  # Deal
    incidents: list  # Incident
    used_events: list  # event ids already drawn (for once-only events)
    news_responders: list  # sides whose response to the current event is awaited
    pending: dict  # side -> submitted input for the current phase (secret until resolved)
    talk_round: int
    open_offers: list  # offer dicts awaiting an answer
    history: list  # TurnRecord of finished turns
    current: TurnRecord
    log: list  # [turn, phase, round, side, decision]
    rng: Stream
    secrets: list = field(default_factory=list)  # [turn, side, what]: known to that side only
    next_id: int = 1
    ending: Optional[str] = None  # ending label id once the game is over
    sudden: bool = False
    options: dict = field(default_factory=dict)  # e.g. {"channels": False, "deals": False}

    # -- copying and serialising ---------------------------------------------------------
    def clone(self) -> "GameState":
        return GameState(
            self.pack, self.scenario, self.seed, self.noise, self.turns, self.turn, self.phase,
            {k: v.clone() for k, v in self.sides.items()}, self.start, self.trust, self.tension,
            self.welfare, dict(self.risk), {k: v.clone() for k, v in self.channels.items()},
            dict(self.swing), [d.clone() for d in self.deals], [i.clone() for i in self.incidents],
            list(self.used_events), list(self.news_responders), dict(self.pending),
            self.talk_round, [dict(o) for o in self.open_offers], list(self.history),
            self.current.clone(), list(self.log), self.rng.clone(), list(self.secrets), self.next_id, self.ending,
            self.sudden, dict(self.options))

    def to_dict(self) -> dict:
        return {
            "pack": self.pack, "scenario": self.scenario, "seed": self.seed, "noise": self.noise,
            "turns": self.turns, "turn": self.turn, "phase": self.phase,
            "sides": {k: v.to_dict() for k, v in self.sides.items()},
            "start": self.start, "trust": self.trust, "tension": self.tension,
            "welfare": self.welfare, "risk": dict(self.risk),
            "channels": {k: {"open": v.open, "strength": v.strength} for k, v in self.channels.items()},
            "swing": dict(self.swing), "deals": [d.to_dict() for d in self.deals],
            "incidents": [i.to_dict() for i in self.incidents],
            "used_events": list(self.used_events), "news_responders": list(self.news_responders),
            "pending": dict(self.pending), "talk_round": self.talk_round,
            "open_offers": [dict(o) for o in self.open_offers],
            "history": [h.to_dict() for h in self.history], "current": self.current.to_dict(),
            "log": list(self.log), "rng": self.rng.to_dict(), "secrets": list(self.secrets),
            "next_id": self.next_id,
            "ending": self.ending, "sudden": self.sudden, "options": dict(self.options),
        }

    @classmethod
    def from_dict(cls, d: dict) -> "GameState":
        return cls(
            d["pack"], d["scenario"], d["seed"], d["noise"], d["turns"], d["turn"], d["phase"],
            {k: Side.from_dict(d["sides"][k]) for k in SIDES},
            {k: d["start"][k] for k in SIDES}, d["trust"], d["tension"], d["welfare"],
            {k: d["risk"][k] for k in RISKS},
            {k: ChannelState(d["channels"][k]["open"], d["channels"][k]["strength"])
             for k in sorted(d["channels"])},
            {k: d["swing"][k] for k in sorted(d["swing"])}, [Deal.from_dict(x) for x in d["deals"]],
            [Incident.from_dict(x) for x in d["incidents"]], list(d["used_events"]),
            list(d["news_responders"]), dict(d["pending"]), d["talk_round"],
            [dict(o) for o in d["open_offers"]],
            [TurnRecord.from_dict(h) for h in d["history"]], TurnRecord.from_dict(d["current"]),
            list(d["log"]), Stream.from_dict(d["rng"]), list(d["secrets"]), d["next_id"], d["ending"], d["sudden"],
            dict(d.get("options", {})))

    # -- small reads ---------------------------------------------------------------------
    @property
    def level(self) -> int:
        return ladder_level(self.tension)

    @property
    def over(self) -> bool:
        return self.phase == "over"

    def active_deals(self) -> list:
        return [d for d in self.deals if d.status == "active"]


def snapshot(st: "GameState") -> dict:
    """The numbers of a state as a turn record keeps them (rounded), for charts and checks."""
    snap = {"trust": round(st.trust, 3), "tension": round(st.tension, 3),
            "welfare": round(st.welfare, 3), "level": st.level,
            "risk": {k: round(v, 3) for k, v in st.risk.items()}}
    for s in SIDES:
        sd = st.sides[s]
        snap[s] = {k: round(getattr(sd, k), 3) for k in STATS}
        snap[s]["national"] = round(sd.national, 3)
    return snap


def normalise(obj: Any) -> Any:
    """Tuples to lists, recursively: what a JSON round trip would give."""
    if isinstance(obj, dict):
        return {k: normalise(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [normalise(v) for v in obj]
    return obj
