"""The schema of every YAML kind in a content pack.

One pydantic model per kind, unknown keys rejected everywhere (``extra="forbid"``), so a
typo in a card is an error rather than a silently ignored field. Effects are declarative
data: a stat, a delta, an optional chance. Nothing in a pack is ever evaluated as code.
"""

from __future__ import annotations

import re
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = 1

SIDES = ("us", "cn")
SIDE_STATS = ("compute", "capability", "economy", "security", "influence", "capital", "pressure")
RISKS = ("cyber", "bio", "autonomy")
STANCES = ("cooperative", "competitive", "neutral")
VERIFICATION_LEVELS = ("none", "self_report", "inspections", "joint_testing")
ERAS = ("early", "middle", "late")
LANGS = ("en", "zh-Hant", "zh-Hans")

_ID = r"^[a-z][a-z0-9_]*$"


class SchemaValueError(ValueError):
    """A rule of the schema broken: the English message, and the same as data (``key`` of
    the UI texts' ``content.schema_*`` and its fields) so the loader can say it in Chinese."""

    def __init__(self, key: str, message: str, **fields):
        super().__init__(message)
        self.key, self.fields = key, fields


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Text(Strict):
    """A player-facing text in every language the game speaks."""

    en: str = Field(min_length=1)
    zh_Hant: str = Field(alias="zh-Hant", min_length=1)
    zh_Hans: Optional[str] = Field(default=None, alias="zh-Hans")

    def get(self, lang: str) -> str:
        if lang == "zh-Hant":
            return self.zh_Hant
        if lang == "zh-Hans":
            return self.zh_Hans or self.zh_Hant
        return self.en


class Source(Strict):
    """Where an entry comes from: a seed article (with a short quote) or another reference."""

    seed: Optional[Literal["000", "002"]] = None
    quote: Optional[str] = None
    ref: Optional[str] = None

    @model_validator(mode="after")
    def _one_origin(self):
        if not self.seed and not self.ref:
            raise SchemaValueError("source", "a source names a seed ('000' or '002') or a ref")
        return self


# Stats an effect may touch. In actions and responses "self"/"other" are relative to the
# acting side; in events and scenario-level effects "us"/"cn" name a side outright.
_STAT_RE = re.compile(
    r"^(?:(?:self|other|us|cn)\.(?:" + "|".join(SIDE_STATS) + r")"
    r"|trust|tension|welfare"
    r"|risk\.(?:" + "|".join(RISKS) + r")"
    r"|channel\.[a-z][a-z0-9_]*"
    r"|swing\.[a-z][a-z0-9_]*)$"
)


class Effect(Strict):
    """One change of one number: ``{stat: self.economy, delta: 3}``.

    ``channel.X`` changes a channel's strength; ``swing.X`` moves a swing state toward the
    acting side (toward ``us`` for a positive delta in events). ``open``/``close`` open or
    close a channel instead of changing a number. ``chance`` makes the effect a gamble.
    """

    stat: Optional[str] = None
    delta: float = 0.0
    open: Optional[str] = None
    close: Optional[str] = None
    chance: float = Field(default=1.0, gt=0.0, le=1.0)

    @field_validator("stat")
    @classmethod
    def _known_stat(cls, v):
        if v is not None and not _STAT_RE.match(v):
            raise SchemaValueError("unknown_stat", f"unknown stat {v!r}", stat=v)
        return v

    @model_validator(mode="after")
    def _one_kind(self):
        kinds = sum(x is not None for x in (self.stat, self.open, self.close))
        if kinds != 1:
            raise SchemaValueError("effect_kind", "an effect has exactly one of stat, open, close")
        if self.stat is not None and self.delta == 0:
            raise SchemaValueError("effect_delta", "an effect on a stat needs a non-zero delta")
        return self


class Requires(Strict):
    """Conditions under which a card, offer or response option is available."""

    channels_open: list[str] = []
    min_trust: float = 0
    max_trust: float = 100
    min_tension: float = 0
    max_tension: float = 100
    min_turn: int = 1
    min_stat: dict[str, float] = {}


class Action(Strict):
    id: str = Field(pattern=_ID)
    side: Literal["us", "cn", "both"]
    name: Text
    text: Text
    cost: int = Field(ge=0, le=10)
    stance: Literal["cooperative", "competitive", "neutral"]
    tags: list[str] = []
    requires: Requires = Requires()
    effects: list[Effect] = []  # a full-rules pack checks every card has some
    source: Source


class ResponseOption(Strict):
    id: str = Field(pattern=_ID)
    name: Text
    text: Optional[Text] = None
    stance: Literal["cooperative", "competitive", "neutral"] = "neutral"
    cost: int = Field(default=0, ge=0, le=10)
    requires: Requires = Requires()
    effects: list[Effect] = []


class Responses(Strict):
    side: Literal["us", "cn", "both", "victim", "blamed"]
    options: list[ResponseOption] = Field(min_length=2)


class Fog(Strict):
    """Attribution fog: the event is blamed on a side with some confidence; sometimes the
    blame is a false flag, which forensics reveal some turns later."""

    blamed: Literal["us", "cn"]
    confidence: tuple[float, float] = (0.4, 0.8)
    false_flag: float = Field(ge=0.0, le=1.0)
    forensics_turns: int = Field(default=2, ge=1, le=6)


class WeightMod(Strict):
    when: Requires
    factor: float = Field(gt=0)


class Event(Strict):
    id: str = Field(pattern=_ID)
    era: Literal["early", "middle", "late"]
    name: Text
    text: Text
    tone: Literal["good", "bad", "neutral"] = "neutral"
    weight: float = Field(default=1.0, gt=0)
    weight_mods: list[WeightMod] = []
    once: bool = True
    requires: Requires = Requires()
    effects: list[Effect] = []
    fog: Optional[Fog] = None
    responses: Optional[Responses] = None
    source: Source


class Obligation(Strict):
    """What one side gives under a deal."""

    text: Text
    forbid_tags: list[str] = []
    effects_per_turn: list[Effect] = []


class Terms(Strict):
    durations: list[int] = Field(min_length=1)
    verification: list[Literal["none", "self_report", "inspections", "joint_testing"]] = Field(
        min_length=1
    )


class Offer(Strict):
    id: str = Field(pattern=_ID)
    name: Text
    text: Text
    size: Literal["small", "medium", "large"] = "small"
    requires: Requires = Requires()
    terms: Terms
    gives: dict[Literal["us", "cn"], Obligation]
    benefits_each: list[Effect] = []
    benefits_shared: list[Effect] = []
    on_sign: list[Effect] = []
    source: Source

    @field_validator("gives")
    @classmethod
    def _both_sides(cls, v):
        if set(v) != {"us", "cn"}:
            raise SchemaValueError("gives_both", "gives names what both us and cn give")
        return v


class Channel(Strict):
    id: str = Field(pattern=_ID)
    name: Text
    text: Text
    clarify: float = Field(default=0.0, ge=0, le=1)  # chance per strength-100 to clear fog at once
    dampen: float = Field(default=0.0, ge=0, le=1)  # share of tension rises absorbed at strength 100
    trust_gain: float = Field(default=0.0, ge=0, le=5)  # trust per turn at strength 100
    verify: float = Field(default=0.0, ge=0, le=1)  # bonus to breach detection at strength 100
    decay: float = Field(default=4.0, ge=0, le=50)
    source: Source


class SwingState(Strict):
    id: str = Field(pattern=_ID)
    name: Text
    text: Text
    lean: float = Field(ge=-100, le=100)  # positive leans to the United States
    source: Source


class Condition(Strict):
    """A declarative test on the state, from one side's point of view.

    metric: ``self.X``, ``other.X``, ``lead.X`` (self minus other), ``trust``, ``tension``,
    ``welfare``, ``swing_count`` (swing states leaning to self), ``deals_kept``.
    """

    metric: str
    min: Optional[float] = None
    max: Optional[float] = None


class Objective(Strict):
    id: str = Field(pattern=_ID)
    side: Literal["us", "cn"]
    name: Text
    text: Text
    condition: Condition
    bonus: float = Field(gt=0, le=50)
    source: Source


class SideStart(Strict):
    compute: float = Field(ge=0, le=100)
    capability: float = Field(ge=0, le=100)
    economy: float = Field(ge=0, le=100)
    security: float = Field(ge=0, le=100)
    influence: float = Field(ge=0, le=100)
    capital: float = Field(ge=0, le=20)
    pressure: float = Field(ge=0, le=100)


class ChannelStart(Strict):
    open: bool
    strength: float = Field(default=0, ge=0, le=100)


class Rules(Strict):
    """The coefficients of the rules engine, so a designer tunes the game in YAML."""

    mode: Literal["full", "classic"] = "full"
    # classic mode
    payoffs: dict[Literal["R", "T", "S", "P"], float] = {"R": 3, "T": 5, "S": 0, "P": 1}
    # full mode
    capital_income: float = 4
    capital_cap: float = 8
    max_cards: int = 3
    talk_rounds: int = 3
    pressure_cost_threshold: float = 70
    trust_per_coop: float = 3.0
    trust_per_comp: float = 2.5
    tension_per_comp: float = 1.0
    tension_per_coop: float = 0.8
    tension_floor: float = 20.0  # tension relaxes toward this each turn ...
    tension_relax: float = 0.12  # ... by this share of the excess
    mutual_coop_trust: float = 3.0
    mutual_coop_welfare: float = 6.0
    mutual_coop_economy: float = 1.5  # the complementary-competition dividend
    mutual_comp_tension: float = 2.0
    mutual_comp_risk: float = 1.0
    exploit_pressure: float = 6.0
    welfare_base: float = 4.0
    welfare_per_tension: float = 0.05
    welfare_per_risk: float = 0.08
    conflict_threshold: float = 55
    conflict_chance: float = 0.2
    catastrophe_threshold: float = 65
    catastrophe_scale: float = 0.35
    ending_penalty: float = 40
    welfare_collapse: float = 0.5
    breach_trust: float = 18
    breach_tension: float = 8
    false_alarm: dict[str, float] = {
        "none": 0.06, "self_report": 0.04, "inspections": 0.015, "joint_testing": 0.005
    }
    detection: dict[str, float] = {
        "none": 0.25, "self_report": 0.45, "inspections": 0.75, "joint_testing": 0.92
    }
    verification_cost: dict[str, float] = {
        "none": 0, "self_report": 0, "inspections": 1, "joint_testing": 1
    }
    verified_clarity: dict[str, float] = {
        "none": 0.0, "self_report": 0.03, "inspections": 0.1, "joint_testing": 0.15
    }
    deal_welfare: float = 2.0
    fatigue: float = 0.75  # a card played again in consecutive turns bites less each time
    deal_kept_trust: float = 6.0
    noise_trust: float = 6.0
    noise_tension: float = 3.0
    swing_drift: float = 3.0
    growth: float = 1.0


class Weights(Strict):
    national: dict[str, float] = {
        "capability": 1.0, "economy": 1.0, "security": 0.8, "influence": 0.6, "compute": 0.4
    }
    swing: float = 3.0
    final_national: float = 0.6
    final_welfare: float = 0.4


class Scenario(Strict):
    id: str = Field(pattern=_ID)
    name: Text
    text: Text
    turns: int = Field(ge=1, le=500)
    start_year: int = 2025
    start_half: Literal[1, 2] = 1
    sides: dict[Literal["us", "cn"], SideStart]
    trust: float = Field(ge=0, le=100)
    tension: float = Field(ge=0, le=100)
    risk: dict[Literal["cyber", "bio", "autonomy"], float] = {"cyber": 0, "bio": 0, "autonomy": 0}
    channels: dict[str, ChannelStart] = {}
    swing: dict[str, float] = {}
    objectives: dict[Literal["us", "cn"], list[str]] = {}
    eras: dict[Literal["early", "middle", "late"], list[int]] = {}
    noise_incident: Optional[Text] = None
    rules: Rules = Rules()
    scoring: Weights = Weights()
    source: Source

    @field_validator("sides")
    @classmethod
    def _both(cls, v):
        if set(v) != {"us", "cn"}:
            raise SchemaValueError("sides_both", "sides gives a start for both us and cn")
        return v


class Manifest(Strict):
    """``pack.yaml``: the pack's name and what it holds."""

    id: str = Field(pattern=_ID)
    name: Text
    text: Text
    default_scenario: str


# kind name -> (model, top-level key holding the list)
KINDS: dict[str, type[Strict]] = {
    "actions": Action,
    "events": Event,
    "offers": Offer,
    "channels": Channel,
    "swing_states": SwingState,
    "objectives": Objective,
    "scenarios": Scenario,
}


def json_schema() -> dict:
    """A JSON Schema for content files, for editors to autocomplete and check YAML."""
    from pydantic import TypeAdapter

    defs: dict = {}
    file_schemas = []
    for kind, model in sorted(KINDS.items()):
        s = TypeAdapter(model).json_schema(ref_template="#/$defs/{model}", by_alias=True)
        defs.update(s.pop("$defs", {}))
        defs[model.__name__] = s
        file_schemas.append({
            "type": "object",
            "additionalProperties": False,
            "required": ["schema_version", "kind", "entries"],
            "properties": {
                "schema_version": {"const": SCHEMA_VERSION},
                "kind": {"const": kind},
                "entries": {"type": "array", "items": {"$ref": f"#/$defs/{model.__name__}"}},
            },
        })
    m = TypeAdapter(Manifest).json_schema(ref_template="#/$defs/{model}", by_alias=True)
    defs.update(m.pop("$defs", {}))
    m["properties"].update({"schema_version": {"const": SCHEMA_VERSION}, "kind": {"const": "pack"}})
    file_schemas.append(m)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "New Yalta content file",
        "oneOf": file_schemas,
        "$defs": dict(sorted(defs.items())),
    }
