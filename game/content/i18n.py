"""Translations in content packs: which texts lack a language."""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel

from . import schema as S
from .loader import Pack


def _texts(obj, path: str) -> Iterator[tuple[str, S.Text]]:
    if isinstance(obj, S.Text):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _texts(v, f"{path}.{k}")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from _texts(v, f"{path}.{i}")


def missing_translations(pack: Pack, lang: str) -> list[str]:
    """``FILE:LINE: kind id field: no LANG text`` for every text without ``lang``."""
    out = []
    attr = {"en": "en", "zh-Hant": "zh_Hant", "zh-Hans": "zh_Hans"}[lang]
    for kind in ("actions", "events", "offers", "channels", "swing_states", "objectives",
                 "scenarios", "texts"):
        for eid, entry in getattr(pack, kind).items():
            for path, text in _texts(entry, ""):
                val = getattr(text, attr)
                if not val or not val.strip():
                    where = pack.where.get((kind, eid), str(pack.path))
                    field = f" {path}" if path else ""
                    out.append(f"{where}: {kind} {eid}{field}: no {lang} text")
    return out
