"""Load and validate content packs.

A pack is a folder of YAML files. Each file is ``{schema_version, kind, entries}``, except
``pack.yaml``, the manifest. Every problem is reported as ``FILE:LINE: what is wrong``; a
pack with any problem does not load. YAML is parsed with the safe loader only, and tags
outside plain YAML (``!!python/...`` and friends) are refused before anything is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import schema as S

# libyaml's safe loader when PyYAML has it (ten times faster), else the pure-Python one
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 1 << 20  # 1 MiB: the largest shipped file is a small fraction of this
MAX_FILES = 200
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq")
}


class ContentError(Exception):
    """Raised with every problem found; ``problems`` holds ``FILE:LINE: message`` lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Pack:
    """A validated pack: entries by id for each kind, and where each entry was defined."""

    id: str
    path: Path
    manifest: S.Manifest
    actions: dict[str, S.Action] = field(default_factory=dict)
    events: dict[str, S.Event] = field(default_factory=dict)
    offers: dict[str, S.Offer] = field(default_factory=dict)
    channels: dict[str, S.Channel] = field(default_factory=dict)
    swing_states: dict[str, S.SwingState] = field(default_factory=dict)
    objectives: dict[str, S.Objective] = field(default_factory=dict)
    scenarios: dict[str, S.Scenario] = field(default_factory=dict)
    texts: dict[str, S.Text] = field(default_factory=dict)
    where: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> "FILE:LINE"

    def scenario(self, scenario_id: str | None = None) -> S.Scenario:
        sid = scenario_id or self.manifest.default_scenario
        try:
            return self.scenarios[sid]
        except KeyError:
            known = ", ".join(sorted(self.scenarios))
            raise KeyError(f"no scenario {sid!r} in pack {self.id!r} (known: {known})") from None

    def actions_for(self, side: str) -> list[S.Action]:
        return [a for a in self.actions.values() if a.side in (side, "both")]


# ---------------------------------------------------------------------------------------
# Where the packs live

def builtin_packs_dir() -> Path:
    """The packs shipped with the game: inside the installed package, else the checkout."""
    try:
        p = Path(str(resources.files("game") / "packs"))
        if p.is_dir():
            return p.resolve()  # in a checkout, game/packs links to content/
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - odd import set-ups
        pass
    return Path(__file__).resolve().parents[2] / "content"


def list_packs() -> list[str]:
    base = builtin_packs_dir()
    return sorted(p.name for p in base.iterdir() if (p / "pack.yaml").is_file())


def resolve_pack_path(name_or_path: str) -> Path:
    p = Path(name_or_path)
    if p.is_dir() and (p / "pack.yaml").is_file():
        return p
    q = builtin_packs_dir() / name_or_path
    if q.is_dir():
        return q
    if p.exists():
        return p
    known = ", ".join(list_packs())
    raise ContentError([f"{name_or_path}: no such pack (shipped packs: {known})"])


# ---------------------------------------------------------------------------------------
# Reading YAML with line numbers

def _read_text(path: Path, rel: str, problems: list[str]) -> str | None:
    try:
        size = path.stat().st_size
    except OSError as e:
        problems.append(f"{rel}:1: cannot read: {e.strerror}")
        return None
    if size > MAX_FILE_BYTES:
        problems.append(f"{rel}:1: file is {size} bytes; the limit is {MAX_FILE_BYTES}")
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problems.append(f"{rel}:{line}: invalid UTF-8 (byte {e.start})")
        return None


def _walk(node: yaml.Node, path: tuple, lines: dict, rel: str, problems: list[str]) -> bool:
    """Record the line of every path; refuse non-plain tags and duplicate keys."""
    lines[path] = node.start_mark.line + 1
    ok = True
    if node.tag not in _PLAIN_TAGS:
        problems.append(f"{rel}:{node.start_mark.line + 1}: tag {node.tag!r} is not allowed")
        return False
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                problems.append(f"{rel}:{k.start_mark.line + 1}: keys must be plain scalars")
                ok = False
                continue
            if k.tag not in _PLAIN_TAGS:
                problems.append(f"{rel}:{k.start_mark.line + 1}: tag {k.tag!r} is not allowed")
                ok = False
                continue
            if k.value in seen:
                problems.append(f"{rel}:{k.start_mark.line + 1}: duplicate key {k.value!r}")
                ok = False
            seen.add(k.value)
            ok = _walk(v, path + (k.value,), lines, rel, problems) and ok
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            ok = _walk(v, path + (i,), lines, rel, problems) and ok
    return ok


def read_yaml(path: Path, rel: str, problems: list[str]) -> tuple[Any, dict] | None:
    text = _read_text(path, rel, problems)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(e, "problem", None) or str(e).splitlines()[0]
        problems.append(f"{rel}:{line}: not valid YAML: {what}")
        return None
    if node is None:
        problems.append(f"{rel}:1: file is empty")
        return None
    lines: dict = {}
    if not _walk(node, (), lines, rel, problems):
        return None
    loader = _SAFE_LOADER(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as e:  # pragma: no cover - compose already parsed it
        problems.append(f"{rel}:1: not valid YAML: {e}")
        return None
    finally:
        loader.dispose()
    return data, lines


def _line_of(lines: dict, path: tuple) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _fmt_loc(loc: tuple) -> str:
    return ".".join(str(x) for x in loc)


def _pydantic_problems(err: ValidationError, rel: str, lines: dict, base: tuple) -> list[str]:
    out = []
    for e in err.errors():
        loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and x.startswith("function-")))
        line = _line_of(lines, base + loc)
        msg = e["msg"]
        if e["type"] == "extra_forbidden":
            msg = f"unknown key {loc[-1]!r}"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        where = _fmt_loc(loc)
        out.append(f"{rel}:{line}: {where + ': ' if where else ''}{msg}")
    return out


# ---------------------------------------------------------------------------------------
# Loading a pack

def load_pack(name_or_path: str | Path) -> Pack:
    """Load and validate a pack; raise ContentError listing every problem."""
    path = resolve_pack_path(str(name_or_path))
    problems: list[str] = []
    if not path.is_dir():
        raise ContentError([f"{path}:1: a pack is a folder with a pack.yaml"])
    files = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if len(files) > MAX_FILES:
        raise ContentError([f"{path}:1: {len(files)} files; a pack holds at most {MAX_FILES}"])
    manifest_file = path / "pack.yaml"
    if not manifest_file.is_file():
        raise ContentError([f"{path / 'pack.yaml'}:1: missing: every pack has a pack.yaml"])

    cwd = Path.cwd()

    def rel(p: Path) -> str:
        try:
            return str(p.resolve().relative_to(cwd))
        except ValueError:
            return str(p)

    pack: Pack | None = None
    raw: list[tuple[str, str, Any, dict, tuple, str]] = []  # kind, rel, entry, lines, base, id
    for f in files:
        r = rel(f)
        got = read_yaml(f, r, problems)
        if got is None:
            continue
        data, lines = got
        if not isinstance(data, dict):
            problems.append(f"{r}:1: expected a mapping at the top of the file")
            continue
        version = data.get("schema_version")
        if version != S.SCHEMA_VERSION:
            problems.append(
                f"{r}:{_line_of(lines, ('schema_version',))}: schema_version must be "
                f"{S.SCHEMA_VERSION} (found {version!r})"
            )
            continue
        kind = data.get("kind")
        if f == manifest_file:
            body = {k: v for k, v in data.items() if k not in ("schema_version", "kind")}
            if kind != "pack":
                problems.append(f"{r}:{_line_of(lines, ('kind',))}: pack.yaml has kind: pack")
                continue
            try:
                manifest = S.Manifest.model_validate(body)
            except ValidationError as e:
                problems += _pydantic_problems(e, r, lines, ())
                continue
            pack = Pack(id=manifest.id, path=path, manifest=manifest)
            continue
        extra = set(data) - {"schema_version", "kind", "entries"}
        for k in sorted(extra):
            problems.append(f"{r}:{_line_of(lines, (k,))}: unknown key {k!r}")
        if kind == "texts":
            entries = data.get("entries")
            if not isinstance(entries, dict):
                problems.append(f"{r}:{_line_of(lines, ('entries',))}: texts entries are a mapping")
                continue
            for key, val in entries.items():
                raw.append(("texts", r, val, lines, ("entries", key), str(key)))
            continue
        if kind not in S.KINDS:
            known = ", ".join(sorted(list(S.KINDS) + ["texts", "pack"]))
            problems.append(
                f"{r}:{_line_of(lines, ('kind',))}: unknown kind {kind!r} (one of {known})"
            )
            continue
        entries = data.get("entries")
        if not isinstance(entries, list):
            problems.append(f"{r}:{_line_of(lines, ('entries',))}: entries must be a list")
            continue
        for i, entry in enumerate(entries):
            eid = entry.get("id", f"#{i}") if isinstance(entry, dict) else f"#{i}"
            raw.append((kind, r, entry, lines, ("entries", i), str(eid)))

    if pack is None:
        if not problems:
            problems.append(f"{manifest_file}:1: the manifest did not load")
        raise ContentError(problems)

    for kind, r, entry, lines, base, eid in raw:
        model = S.Text if kind == "texts" else S.KINDS[kind]
        try:
            obj = model.model_validate(entry)
        except ValidationError as e:
            problems += _pydantic_problems(e, r, lines, base)
            continue
        table = getattr(pack, kind)
        where = f"{r}:{_line_of(lines, base)}"
        if eid in table:
            problems.append(f"{where}: duplicate {kind} id {eid!r} (first at {pack.where[(kind, eid)]})")
            continue
        table[eid] = obj
        pack.where[(kind, eid)] = where

    problems += cross_check(pack)
    if problems:
        raise ContentError(problems)
    return pack


def cross_check(pack: Pack) -> list[str]:
    """Ids that point at other entries must point at something that exists."""
    out: list[str] = []
    ch = set(pack.channels)
    sw = set(pack.swing_states)
    tags = {t for a in pack.actions.values() for t in a.tags}

    def check_effects(kind: str, eid: str, effects, what: str):
        for ef in effects:
            if ef.stat and ef.stat.startswith("channel.") and ef.stat[8:] not in ch:
                out.append(f"{pack.where[(kind, eid)]}: {what}: no channel {ef.stat[8:]!r}")
            if ef.stat and ef.stat.startswith("swing.") and ef.stat[6:] not in sw:
                out.append(f"{pack.where[(kind, eid)]}: {what}: no swing state {ef.stat[6:]!r}")
            for c in (ef.open, ef.close):
                if c is not None and c not in ch:
                    out.append(f"{pack.where[(kind, eid)]}: {what}: no channel {c!r}")

    def check_req(kind: str, eid: str, req: S.Requires, what: str):
        for c in req.channels_open:
            if c not in ch:
                out.append(f"{pack.where[(kind, eid)]}: {what}: no channel {c!r}")
        for k in req.min_stat:
            if not re.match(r"^(self|other)\.(" + "|".join(S.SIDE_STATS) + ")$", k):
                out.append(f"{pack.where[(kind, eid)]}: {what}: min_stat key {k!r} is not self.X/other.X")

    for aid, a in pack.actions.items():
        check_effects("actions", aid, a.effects, "effects")
        check_req("actions", aid, a.requires, "requires")
    for eid, e in pack.events.items():
        check_effects("events", eid, e.effects, "effects")
        check_req("events", eid, e.requires, "requires")
        for e_stat in e.effects:
            if e_stat.stat and e_stat.stat.startswith(("self.", "other.")):
                out.append(f"{pack.where[('events', eid)]}: effects: events name us./cn., not self./other.")
        if e.responses:
            if e.responses.side in ("victim", "blamed") and e.fog is None:
                out.append(f"{pack.where[('events', eid)]}: responses.side {e.responses.side!r} needs fog")
            for o in e.responses.options:
                check_effects("events", eid, o.effects, f"response {o.id}")
                check_req("events", eid, o.requires, f"response {o.id}")
    for oid, o in pack.offers.items():
        check_req("offers", oid, o.requires, "requires")
        check_effects("offers", oid, o.benefits_each + o.benefits_shared + o.on_sign, "effects")
        for side, ob in o.gives.items():
            check_effects("offers", oid, ob.effects_per_turn, f"gives.{side}")
            for t in ob.forbid_tags:
                if t not in tags:
                    out.append(f"{pack.where[('offers', oid)]}: gives.{side}: tag {t!r} is on no card")
        if "joint_testing" in o.terms.verification and "joint_testing" not in ch:
            out.append(f"{pack.where[('offers', oid)]}: joint_testing verification needs a joint_testing channel")
    for obid, ob in pack.objectives.items():
        m = ob.condition.metric
        ok = m in ("trust", "tension", "welfare", "swing_count", "deals_kept") or re.match(
            r"^(self|other|lead)\.(" + "|".join(S.SIDE_STATS) + ")$", m)
        if not ok:
            out.append(f"{pack.where[('objectives', obid)]}: condition.metric: unknown metric {m!r}")
        if ob.condition.min is None and ob.condition.max is None:
            out.append(f"{pack.where[('objectives', obid)]}: condition needs min or max")
    for sid, sc in pack.scenarios.items():
        w = pack.where[("scenarios", sid)]
        for c in sc.channels:
            if c not in ch:
                out.append(f"{w}: channels: no channel {c!r}")
        for s in sc.swing:
            if s not in sw:
                out.append(f"{w}: swing: no swing state {s!r}")
        for side, ids in sc.objectives.items():
            for i in ids:
                if i not in pack.objectives:
                    out.append(f"{w}: objectives.{side}: no objective {i!r}")
                elif pack.objectives[i].side != side:
                    out.append(f"{w}: objectives.{side}: {i!r} is an objective for {pack.objectives[i].side}")
        if sc.rules.mode == "full":
            for side in S.SIDES:
                if not pack.actions_for(side):
                    out.append(f"{w}: no action cards for {side}")
            for aid, a in pack.actions.items():
                if not a.effects:
                    out.append(f"{pack.where[('actions', aid)]}: a card of a full-rules pack needs effects")
            for era, (lo, hi) in ((e, (v[0], v[-1])) for e, v in sc.eras.items() if v):
                if not any(ev.era == era for ev in pack.events.values()):
                    out.append(f"{w}: eras.{era}: no events in that era")
    if pack.manifest.default_scenario not in pack.scenarios:
        out.append(f"{pack.path / 'pack.yaml'}:1: default_scenario {pack.manifest.default_scenario!r} is not a scenario of the pack")
    return out
