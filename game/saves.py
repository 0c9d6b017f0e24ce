"""Saved games: autosaves after every phase, named saves, load and continue.

A save is one JSON file in the saves folder (``saves/`` in the working directory unless told
otherwise)::

    {"format": "new-yalta-save", "version": 1, "checksum": "<sha256 of the rest>",
     "kind": "auto" | "manual", "name": ..., "game": <game id>, "saved_at": ...,
     "pack": ..., "scenario": ..., "seed": ..., "turns": ..., "noise": ..., "options": {...},
     "seats": {"us": "human" | "bot:NAME", "cn": ...}, "level": ..., "mode": ...,
     "log": [...], "reasons": [...], "state": {...}}

Writes are atomic: a temporary file in the same folder, flushed and fsynced, then renamed
over the target, so a crash leaves either the old save or the new one, never half of one.
Loading checks the format, the version and the checksum, and refuses a damaged, foreign or
newer file with a one-line ``SaveError``; it never touches any other file. The game is rebuilt
by replaying the seed and the order log; if the replay does not give the stored state (a
changed content pack, say) the stored state is used and a warning says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

FORMAT = "new-yalta-save"
VERSION = 1
SUFFIX = ".json"
MAX_BYTES = 64 * 1024 * 1024


class SaveError(Exception):
    """A save that cannot be written or read; the message is one line for the player.

    ``str(e)`` is the English line (itself a ``Localized`` text, so a UI text that shows it
    says it in its own language); ``e.text(lang)`` is the line in ``lang``."""

    def __str__(self) -> str:
        return self.args[0] if self.args and isinstance(self.args[0], str) else super().__str__()

    def text(self, lang: str = "en") -> str:
        from .i18n import localize

        return localize(self.args[0], lang) if self.args else ""


def _err(key: str, /, **fields) -> SaveError:
    """A SaveError saying ``save_error.KEY`` of the UI texts."""
    from .i18n import Said

    return SaveError(Said(f"save_error.{key}", **fields))


def _note(key: str, /, **fields) -> str:
    from .i18n import Said

    return Said(f"save_error.{key}", **fields)


def default_dir() -> Path:
    return Path(os.environ.get("YALTA_SAVES") or "saves")


def slug(name: str) -> str:
    s = re.sub(r"[^\w\-]+", "-", name.strip(), flags=re.UNICODE).strip("-._")
    return s[:60] or "save"


@dataclass
class SaveInfo:
    """What the load screen lists about a save without rebuilding the game."""

    path: Path
    name: str
    kind: str
    saved_at: float
    pack: str = ""
    scenario: str = ""
    turn: int = 0
    turns: int = 0
    phase: str = ""
    seats: dict = field(default_factory=dict)
    ending: Optional[str] = None
    error: Optional[str] = None  # set when the file cannot be loaded

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Loaded:
    """A loaded save: the rebuilt state and everything needed to go on playing."""

    data: dict
    state: object
    engine: object
    warning: Optional[str] = None
    path: Optional[Path] = None


def _canonical(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def checksum(payload: dict) -> str:
    body = {k: v for k, v in payload.items() if k != "checksum"}
    return hashlib.sha256(_canonical(body)).hexdigest()


def build(engine, state, *, seats: dict, level: str = "normal", mode: str = "hotseat",
          reasons: Optional[list] = None, name: str = "", kind: str = "auto",
          game: str = "", options: Optional[dict] = None, extra: Optional[dict] = None,
          sign: bool = True) -> dict:
    """The save document for a game in progress (or over); ``sign=False`` leaves out the
    checksum, for a caller that encodes the document its own way and signs that."""
    st_dict = state.to_dict()
    doc = {
        "format": FORMAT, "version": VERSION, "kind": kind, "name": name, "game": game,
        "saved_at": time.time(),
        "pack": engine.pack.id, "pack_path": str(engine.pack.path),
        "scenario": state.scenario, "seed": state.seed, "turns": state.turns,
        "noise": state.noise, "options": dict(options if options is not None else state.options),
        "seats": dict(seats), "level": level, "mode": mode,
        "turn": state.turn, "phase": state.phase, "ending": state.ending,
        "log": st_dict["log"], "reasons": list(reasons or []), "state": st_dict,
    }
    if extra:
        doc.update(extra)
    if sign:
        doc["checksum"] = checksum(doc)
    return doc


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash at any moment leaves a whole file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        dfd = os.open(str(path.parent), os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:  # pragma: no cover - some file systems do not fsync folders
        pass


class SaveStore:
    """The saves folder."""

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root is not None else default_dir()

    # -- writing -------------------------------------------------------------------------
    def autosave_path(self, game: str) -> Path:
        return self.root / f"autosave-{slug(game)}{SUFFIX}"

    def named_path(self, name: str) -> Path:
        return self.root / f"{slug(name)}{SUFFIX}"

    def write(self, doc: dict, path: Path) -> Path:
        try:
            write_atomic(path, _canonical(doc))
        except OSError as e:
            raise _err("cannot_write", path=str(path), error=str(e.strerror or e)) from None
        return path

    def autosave(self, doc: dict) -> Path:
        return self.write(dict(doc), self.autosave_path(doc.get("game") or "game"))

    def save_as(self, doc: dict, name: str) -> Path:
        doc = dict(doc, kind="manual", name=name)
        doc["checksum"] = checksum(doc)
        return self.write(doc, self.named_path(name))

    # -- reading -------------------------------------------------------------------------
    def files(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(p for p in self.root.iterdir()
                      if p.suffix == SUFFIX and not p.name.startswith(".") and p.is_file())

    def list(self) -> list[SaveInfo]:
        """Every save, newest first; damaged ones are listed with their error."""
        out = []
        for p in self.files():
            try:
                d = read_doc(p)
                st = d["state"]
                out.append(SaveInfo(p, d.get("name") or p.stem, d.get("kind", "manual"),
                                    float(d.get("saved_at", 0)), d.get("pack", ""),
                                    d.get("scenario", ""), int(st.get("turn", 0)),
                                    int(st.get("turns", 0)), st.get("phase", ""),
                                    dict(d.get("seats", {})), st.get("ending")))
            except SaveError as e:
                try:
                    mtime = p.stat().st_mtime
                except OSError:
                    mtime = 0.0
                out.append(SaveInfo(p, p.stem, "?", mtime, error=str(e)))
        out.sort(key=lambda i: i.saved_at, reverse=True)
        return out

    def latest(self, unfinished: bool = True) -> Optional[SaveInfo]:
        """The newest loadable save (of a game not over, unless told otherwise)."""
        for info in self.list():
            if info.ok and (not unfinished or info.phase != "over"):
                return info
        return None


def read_doc(path: Path) -> dict:
    """Read and check a save file; a ``SaveError`` says in one line what is wrong."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _err("too_large", name=path.name, size=size)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _err("no_such_save", name=path.name) from None
    except OSError as e:
        raise _err("cannot_read", name=path.name, error=str(e.strerror or e)) from None
    try:
        d = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _err("not_json", name=path.name) from None
    if not isinstance(d, dict) or d.get("format") != FORMAT:
        raise _err("foreign", name=path.name)
    v = d.get("version")
    if not isinstance(v, int):
        raise _err("no_version", name=path.name)
    if v > VERSION:
        raise _err("newer", name=path.name, v=v, max=VERSION)
    if v < 1:
        raise _err("old_version", name=path.name, v=v)
    if d.get("checksum") != checksum(d):
        raise _err("checksum", name=path.name)
    for key in ("pack", "seed", "log", "state", "seats"):
        if key not in d:
            raise _err("no_key", name=path.name, key=key)
    if not isinstance(d["state"], dict) or not isinstance(d["log"], list):
        raise _err("malformed", name=path.name)
    return d


def load(path: Path) -> Loaded:
    """Rebuild the game in a save: replay its seed and log, check against the stored state."""
    from .content.loader import ContentError
    from .engine import Engine, IllegalMove, replay
    from .engine.api import engine_for
    from .engine.state import GameState

    path = Path(path)
    d = read_doc(path)
    try:
        engine = _engine(d, engine_for)
    except (ContentError, KeyError) as e:
        raise _err("no_pack", name=path.name, pack=repr(d.get("pack")),
                   error=pack_error(e)) from None
    try:
        stored = GameState.from_dict(d["state"])
        template = engine.new_game(d["seed"], turns=d.get("turns"), noise=d.get("noise", 0.0),
                                   options=d.get("options"))
        restore_order(stored, template)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise _err("unreadable", name=path.name, error=str(e)) from None
    warning = None
    try:
        rebuilt = replay(engine, d["seed"], d["log"], turns=d.get("turns"),
                         noise=d.get("noise", 0.0), options=d.get("options"))
        # a save made between phases (nobody awaited yet) replays a little further on
        ahead = stored
        while ahead.phase != "over" and not engine.awaiting(ahead):
            ahead = engine.advance(ahead)
        same = Engine.to_json(rebuilt) == Engine.to_json(ahead)
    except (IllegalMove, KeyError, TypeError, ValueError, IndexError) as e:
        same, rebuilt = False, None
        warning = _note("no_replay", name=path.name, error=str(e))
    if not same:
        warning = warning or _note("different_replay", name=path.name)
    return Loaded(d, stored, engine, warning, path)


def pack_error(e: Exception):
    """What a ContentError or KeyError says about a pack, for a one-line message: the first
    problem (which can be said in Chinese too), or the KeyError's text without its quotes."""
    from .content.loader import ContentError

    if isinstance(e, ContentError) and e.problems:
        p = e.problems[0]
        return p if p == p.strip(chr(34)) else p.strip(chr(34))
    return str(e).strip(chr(34))


def restore_order(state, template) -> None:
    """Put the state's mappings back in the order a new game has them.

    JSON with sorted keys loses the order of ``channels``, ``swing``, ``risk``, ``sides`` and
    the turn's ``responses``; the rules iterate over them, so a state read back must have the
    same order as the game that wrote it to go on identically."""
    def ordered(d: dict, keys) -> dict:
        out = {k: d[k] for k in keys if k in d}
        out.update({k: v for k, v in d.items() if k not in out})
        return out

    for attr in ("channels", "swing", "risk", "sides", "start"):
        setattr(state, attr, ordered(getattr(state, attr), list(getattr(template, attr))))
    sides = list(template.sides)
    state.current.responses = ordered(state.current.responses, sides)
    state.current.orders = ordered(state.current.orders, sides)
    state.pending = ordered(state.pending, sides)


def _engine(d: dict, engine_for):
    try:
        return engine_for(d["pack"], d.get("scenario"))
    except Exception:
        p = d.get("pack_path")
        if p and Path(p).is_dir():
            return engine_for(p, d.get("scenario"))
        raise
