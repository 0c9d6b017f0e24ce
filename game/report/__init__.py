"""The debrief: after-action reports, verified replays, counterfactuals.

    opened = open_save("saves/game.json")
    report = build_report(opened)            # one plain dict
    text = render(report, "html")            # or "md", "json"
    build_report(opened, lang="zh-Hant")     # the same, its words in Traditional Chinese

``export(path, out, fmt)`` does all three for the TUI's end screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from .load import Opened, open_save
from .model import build, compare

FORMATS = ("md", "html", "json")


def build_report(opened: Opened, **kw) -> dict:
    """The report of an opened save; ``lang`` (en, zh-Hant, zh-Hans) among the keywords."""
    return build(opened.doc, opened.state, opened.engine, source=opened.path.name, **kw)


def render(report: dict, fmt: str) -> str:
    if fmt == "json":
        from .render_json import render_json

        return render_json(report)
    if fmt == "html":
        from .render_html import render_html

        return render_html(report)
    if fmt == "md":
        from .render_md import render_md

        return render_md(report)
    raise ValueError(f"unknown report format {fmt!r} (md, html or json)")


def format_for(path: Optional[str], fmt: Optional[str]) -> str:
    """The format asked for, else the one the output file's suffix names, else Markdown."""
    if fmt:
        return fmt
    if path:
        suffix = Path(path).suffix.lower().lstrip(".")
        return {"htm": "html", "markdown": "md"}.get(suffix, suffix) if suffix in (
            "md", "markdown", "html", "htm", "json") else "md"
    return "md"


def export(save_path, out_path, fmt: Optional[str] = None, lang: str = "en") -> Path:
    """Write the report of a save to ``out_path`` (atomically) in ``lang``; returns the path."""
    from ..saves import write_atomic

    fmt = format_for(str(out_path), fmt)
    text = render(build_report(open_save(save_path), lang=lang), fmt)
    write_atomic(Path(out_path), text.encode("utf-8"))
    return Path(out_path)


__all__ = ["FORMATS", "Opened", "build_report", "compare", "export", "format_for",
           "open_save", "render"]
