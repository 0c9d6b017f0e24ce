"""Load and validate content packs.

A pack is a folder of YAML files. Each file is ``{schema_version, kind, entries}``, except
``pack.yaml``, the manifest. Every problem is reported as ``FILE:LINE: what is wrong``; a
pack with any problem does not load. A problem reads as its English line; it also carries
its message as data (a key of the UI texts' ``content`` section), so ``problem_text(p, lang)``
gives the same line with the message in Chinese and the ``FILE:LINE:`` prefix unchanged.
YAML is parsed with the safe loader only, and tags outside plain YAML (``!!python/...`` and
friends) are refused before anything is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..i18n import Localized
from . import schema as S

# libyaml's safe loader when PyYAML has it (ten times faster), else the pure-Python one
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 1 << 20  # 1 MiB: the largest shipped file is a small fraction of this
MAX_FILES = 200
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq")
}


class Msg:
    """A message as data: ``content.KEY`` of ``game/ui_texts.yaml`` and its fields (which may
    be messages themselves). ``Msg(None, text=...)`` is a text that has no translation."""

    english: str | None = None  # the English words when they are someone else's (PyYAML's)

    def __init__(self, key: str | None, /, **fields):
        self.key, self.fields = key, fields

    @classmethod
    def worded(cls, english: str, key: str, /, **fields) -> "Msg":
        """A message whose English is ``english`` as it stands, and ``key`` elsewhere."""
        msg = cls(key, **fields)
        msg.english = english
        return msg

    def text(self, lang: str = "en") -> str:
        if self.key is None:
            return str(self.fields.get("text", ""))
        if self.english is not None and lang == "en":
            return self.english
        from ..i18n import t

        vals = {k: (v.text(lang) if isinstance(v, Msg) else v) for k, v in self.fields.items()}
        return t(f"content.{self.key}", lang, **vals)

    def __reduce__(self):
        return (_msg, (self.key, self.fields, self.english))

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, **{self.fields!r})"


def _msg(key, fields, english=None) -> Msg:
    return Msg(key, **fields) if english is None else Msg.worded(english, key, **fields)


class Problem(Localized):
    """One ``FILE:LINE: what is wrong`` line: a ``str`` holding the English line, with
    ``where`` (the ``FILE:LINE`` part) and ``msg`` (the message as data) for other languages."""

    def __new__(cls, where: str, english: str, msg: Msg | None = None):
        self = super().__new__(cls, f"{where}: {english}")
        self.where, self.english, self.msg = where, english, msg
        return self

    def text(self, lang: str = "en") -> str:
        if lang == "en" or self.msg is None:
            return str(self)
        return f"{self.where}: {self.msg.text(lang)}"

    def __reduce__(self):
        return (Problem, (self.where, self.english, self.msg))


def _p(where, msg_key: str, /, **fields) -> Problem:
    """The problem ``content.KEY`` at ``where`` (``FILE:LINE`` or a path)."""
    msg = Msg(msg_key, **fields)
    return Problem(str(where), msg.text("en"), msg)


# the lines of game.content.i18n.missing_translations
_NO_TEXT = re.compile(
    r"^(?P<where>.*): (?P<what>\S+ \S+(?: \S+)?): no (?P<lang>en|zh-Hant|zh-Hans) text$")


def problem_text(problem: str, lang: str = "en") -> str:
    """A problem line with its message in ``lang``; the ``FILE:LINE:`` prefix never changes."""
    from ..i18n import norm_lang

    lang = norm_lang(lang)
    if lang == "en":
        return str(problem)
    if isinstance(problem, Problem):
        return problem.text(lang)
    m = _NO_TEXT.match(str(problem))
    if m:
        return f"{m['where']}: " + Msg("no_text", what=m["what"], lang=m["lang"]).text(lang)
    return str(problem)


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
    raise ContentError([_p(name_or_path, "no_such_pack", known=known)])


# ---------------------------------------------------------------------------------------
# Reading YAML with line numbers

def _read_text(path: Path, rel: str, problems: list[str]) -> str | None:
    try:
        size = path.stat().st_size
    except OSError as e:
        problems.append(_p(f"{rel}:1", "cannot_read", error=e.strerror))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(_p(f"{rel}:1", "too_large", size=size, limit=MAX_FILE_BYTES))
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problems.append(_p(f"{rel}:{line}", "bad_utf8", byte=e.start))
        return None


def _walk(node: yaml.Node, path: tuple, lines: dict, rel: str, problems: list[str]) -> bool:
    """Record the line of every path; refuse non-plain tags and duplicate keys."""
    lines[path] = node.start_mark.line + 1
    ok = True
    if node.tag not in _PLAIN_TAGS:
        problems.append(_p(f"{rel}:{node.start_mark.line + 1}", "tag", tag=node.tag))
        return False
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                problems.append(_p(f"{rel}:{k.start_mark.line + 1}", "plain_keys"))
                ok = False
                continue
            if k.tag not in _PLAIN_TAGS:
                problems.append(_p(f"{rel}:{k.start_mark.line + 1}", "tag", tag=k.tag))
                ok = False
                continue
            if k.value in seen:
                problems.append(_p(f"{rel}:{k.start_mark.line + 1}", "duplicate_key", key=k.value))
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
        problems.append(_p(f"{rel}:{line}", "bad_yaml", what=_yaml_problem(what)))
        return None
    if node is None:
        problems.append(_p(f"{rel}:1", "empty_file"))
        return None
    lines: dict = {}
    if not _walk(node, (), lines, rel, problems):
        return None
    loader = _SAFE_LOADER(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as e:  # pragma: no cover - compose already parsed it
        problems.append(_p(f"{rel}:1", "bad_yaml", what=str(e)))
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


# PyYAML's and libyaml's words for what is wrong, as messages (the rest stay as they are)
_YAML_PROBLEMS = [(re.compile(p), k) for p, k in (
    (r"^mapping values are not allowed (?:here|in this context)$", "yaml_mapping_values"),
    (r"^found character (?P<char>.*?) ?that cannot start any token$", "yaml_bad_char"),
    (r"^found unknown escape character ?(?P<char>.*)$", "yaml_bad_escape"),
    (r"^did not find expected key$", "yaml_expected_key"),
    (r"^did not find expected node content$", "yaml_node_content"),
    (r"^did not find expected '-' indicator$", "yaml_dash"),
    (r"^did not find expected (?P<what>.+)$", "yaml_expected"),
    (r"^expected (?P<what>.+), but (?:found|got) (?P<found>.+)$", "yaml_expected_found"),
    (r"^found undefined alias ?(?P<name>.*)$", "yaml_undefined_alias"),
    (r"^found unexpected end of stream$", "yaml_end_of_stream"),
    (r"^found duplicate anchor ?(?P<name>.*)$", "yaml_duplicate_anchor"),
    (r"^found unhashable key$", "yaml_unhashable_key"),
    (r"^found a tab character (?:that violates|where an) ?(?P<what>.*)$", "yaml_tab"),
    (r"^second occurrence$", "yaml_second_occurrence"),
)]


def _yaml_problem(what: str):
    for rx, key in _YAML_PROBLEMS:
        m = rx.match(what)
        if m:
            fields = {k: (_or_list(v) if k == "what" else v) for k, v in m.groupdict().items()}
            return Msg.worded(what, key, **fields)
    return what


# pydantic's error types, as messages: the English line stays pydantic's own words
_PYDANTIC = {
    "missing", "extra_forbidden", "string_type", "int_type", "int_parsing", "int_from_float",
    "int_parsing_size", "float_type", "float_parsing", "finite_number", "bool_type",
    "bool_parsing", "list_type", "tuple_type", "dict_type", "set_type", "model_type",
    "model_attributes_type", "dataclass_type", "literal_error", "enum", "string_pattern_mismatch",
    "string_too_short", "string_too_long", "too_short", "too_long", "greater_than",
    "greater_than_equal", "less_than", "less_than_equal", "multiple_of", "none_required",
    "string_unicode", "string_sub_type", "bytes_type", "is_instance_of", "frozen_instance",
    "frozen_field", "iterable_type",
}


def _or_list(expected: str):
    """pydantic's ``'a', 'b' or 'c'`` as a message, so "or" reads in the player's language."""
    head, sep, last = expected.rpartition(" or ")
    return Msg("pd_or", items=head, last=last) if sep else expected


def _pydantic_msg(e: dict, english: str) -> Msg:
    kind = e["type"]
    ctx = dict(e.get("ctx") or {})
    if kind == "extra_forbidden":
        return Msg("unknown_key", key=e["loc"][-1] if e["loc"] else "")
    if kind == "value_error":
        err = ctx.get("error")
        if isinstance(err, S.SchemaValueError):
            return Msg("schema_" + err.key, **err.fields)
        return Msg(None, text=english)
    if kind not in _PYDANTIC:
        return Msg(None, text=english)
    fields = {k: (int(v) if isinstance(v, float) and v.is_integer() else v)
              for k, v in ctx.items() if isinstance(v, (str, int, float))}
    if "expected" in fields:
        fields["expected"] = _or_list(str(fields["expected"]))
    return Msg("pd_" + kind, **fields)


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
        data = _pydantic_msg(dict(e, loc=loc), msg)
        if where:
            data = Msg("at", loc=where, msg=data)
        out.append(Problem(f"{rel}:{line}", f"{where + ': ' if where else ''}{msg}", data))
    return out


# ---------------------------------------------------------------------------------------
# Loading a pack

def load_pack(name_or_path: str | Path) -> Pack:
    """Load and validate a pack; raise ContentError listing every problem."""
    path = resolve_pack_path(str(name_or_path))
    problems: list[str] = []
    if not path.is_dir():
        raise ContentError([_p(f"{path}:1", "not_a_folder")])
    files = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if len(files) > MAX_FILES:
        raise ContentError([_p(f"{path}:1", "too_many_files", n=len(files), limit=MAX_FILES)])
    manifest_file = path / "pack.yaml"
    if not manifest_file.is_file():
        raise ContentError([_p(f"{path / 'pack.yaml'}:1", "no_manifest")])

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
            problems.append(_p(f"{r}:1", "top_mapping"))
            continue
        version = data.get("schema_version")
        if version != S.SCHEMA_VERSION:
            problems.append(_p(f"{r}:{_line_of(lines, ('schema_version',))}", "version",
                               want=S.SCHEMA_VERSION, found=version))
            continue
        kind = data.get("kind")
        if f == manifest_file:
            body = {k: v for k, v in data.items() if k not in ("schema_version", "kind")}
            if kind != "pack":
                problems.append(_p(f"{r}:{_line_of(lines, ('kind',))}", "manifest_kind"))
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
            problems.append(_p(f"{r}:{_line_of(lines, (k,))}", "unknown_key", key=k))
        if kind == "texts":
            entries = data.get("entries")
            if not isinstance(entries, dict):
                problems.append(_p(f"{r}:{_line_of(lines, ('entries',))}", "texts_mapping"))
                continue
            for key, val in entries.items():
                raw.append(("texts", r, val, lines, ("entries", key), str(key)))
            continue
        if kind not in S.KINDS:
            known = ", ".join(sorted(list(S.KINDS) + ["texts", "pack"]))
            problems.append(_p(f"{r}:{_line_of(lines, ('kind',))}", "unknown_kind", kind=kind,
                               known=known))
            continue
        entries = data.get("entries")
        if not isinstance(entries, list):
            problems.append(_p(f"{r}:{_line_of(lines, ('entries',))}", "entries_list"))
            continue
        for i, entry in enumerate(entries):
            eid = entry.get("id", f"#{i}") if isinstance(entry, dict) else f"#{i}"
            raw.append((kind, r, entry, lines, ("entries", i), str(eid)))

    if pack is None:
        if not problems:
            problems.append(_p(f"{manifest_file}:1", "manifest_failed"))
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
            problems.append(_p(where, "duplicate_id", kind=kind, id=eid,
                               first=pack.where[(kind, eid)]))
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
                out.append(_p(pack.where[(kind, eid)], "no_channel", what=what,
                              channel=ef.stat[8:]))
            if ef.stat and ef.stat.startswith("swing.") and ef.stat[6:] not in sw:
                out.append(_p(pack.where[(kind, eid)], "no_swing_state", what=what,
                              state=ef.stat[6:]))
            for c in (ef.open, ef.close):
                if c is not None and c not in ch:
                    out.append(_p(pack.where[(kind, eid)], "no_channel", what=what, channel=c))

    def check_req(kind: str, eid: str, req: S.Requires, what: str):
        for c in req.channels_open:
            if c not in ch:
                out.append(_p(pack.where[(kind, eid)], "no_channel", what=what, channel=c))
        for k in req.min_stat:
            if not re.match(r"^(self|other)\.(" + "|".join(S.SIDE_STATS) + ")$", k):
                out.append(_p(pack.where[(kind, eid)], "min_stat_key", what=what, key=k))

    for aid, a in pack.actions.items():
        check_effects("actions", aid, a.effects, "effects")
        check_req("actions", aid, a.requires, "requires")
    for eid, e in pack.events.items():
        check_effects("events", eid, e.effects, "effects")
        check_req("events", eid, e.requires, "requires")
        for e_stat in e.effects:
            if e_stat.stat and e_stat.stat.startswith(("self.", "other.")):
                out.append(_p(pack.where[("events", eid)], "event_sides"))
        if e.responses:
            if e.responses.side in ("victim", "blamed") and e.fog is None:
                out.append(_p(pack.where[("events", eid)], "needs_fog", side=e.responses.side))
            for o in e.responses.options:
                check_effects("events", eid, o.effects, Msg("what_response", id=o.id))
                check_req("events", eid, o.requires, Msg("what_response", id=o.id))
    for oid, o in pack.offers.items():
        check_req("offers", oid, o.requires, "requires")
        check_effects("offers", oid, o.benefits_each + o.benefits_shared + o.on_sign, "effects")
        for side, ob in o.gives.items():
            check_effects("offers", oid, ob.effects_per_turn, f"gives.{side}")
            for t in ob.forbid_tags:
                if t not in tags:
                    out.append(_p(pack.where[("offers", oid)], "tag_on_no_card", side=side, tag=t))
        if "joint_testing" in o.terms.verification and "joint_testing" not in ch:
            out.append(_p(pack.where[("offers", oid)], "joint_testing_channel"))
    for obid, ob in pack.objectives.items():
        m = ob.condition.metric
        ok = m in ("trust", "tension", "welfare", "swing_count", "deals_kept") or re.match(
            r"^(self|other|lead)\.(" + "|".join(S.SIDE_STATS) + ")$", m)
        if not ok:
            out.append(_p(pack.where[("objectives", obid)], "unknown_metric", metric=m))
        if ob.condition.min is None and ob.condition.max is None:
            out.append(_p(pack.where[("objectives", obid)], "min_or_max"))
    for sid, sc in pack.scenarios.items():
        w = pack.where[("scenarios", sid)]
        for c in sc.channels:
            if c not in ch:
                out.append(_p(w, "no_channel", what="channels", channel=c))
        for s in sc.swing:
            if s not in sw:
                out.append(_p(w, "no_swing_state", what="swing", state=s))
        for side, ids in sc.objectives.items():
            for i in ids:
                if i not in pack.objectives:
                    out.append(_p(w, "no_objective", side=side, id=i))
                elif pack.objectives[i].side != side:
                    out.append(_p(w, "objective_side", side=side, id=i,
                                  other=pack.objectives[i].side))
        if sc.rules.mode == "full":
            for side in S.SIDES:
                if not pack.actions_for(side):
                    out.append(_p(w, "no_cards", side=side))
            for aid, a in pack.actions.items():
                if not a.effects:
                    out.append(_p(pack.where[("actions", aid)], "card_effects"))
            for era, (lo, hi) in ((e, (v[0], v[-1])) for e, v in sc.eras.items() if v):
                if not any(ev.era == era for ev in pack.events.values()):
                    out.append(_p(w, "era_events", era=era))
    if pack.manifest.default_scenario not in pack.scenarios:
        out.append(_p(f"{pack.path / 'pack.yaml'}:1", "default_scenario",
                      id=pack.manifest.default_scenario))
    return out
