"""Small terminal charts drawn with Unicode blocks: sparklines, gauges, column charts."""

from __future__ import annotations

from typing import Sequence

from rich.cells import set_cell_size
from rich.text import Text

BLOCKS = " ▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], lo: float | None = None, hi: float | None = None,
              width: int | None = None) -> str:
    """One character per value (the last ``width`` values)."""
    vals = list(values)[-width:] if width else list(values)
    if not vals:
        return ""
    lo = min(vals) if lo is None else lo
    hi = max(vals) if hi is None else hi
    span = (hi - lo) or 1.0
    out = []
    for v in vals:
        x = (min(max(v, lo), hi) - lo) / span
        out.append(BLOCKS[1 + int(round(x * 7))])
    return "".join(out)


def gauge(value: float, lo: float, hi: float, width: int, style: str = "green",
          empty: str = "grey35") -> Text:
    """A horizontal bar: ``█████░░░░░``."""
    x = (min(max(value, lo), hi) - lo) / ((hi - lo) or 1.0)
    full = int(round(x * width))
    t = Text()
    t.append("█" * full, style=style)
    t.append("░" * (width - full), style=empty)
    return t


def column_chart(values: Sequence[float], height: int = 6, lo: float | None = None,
                 hi: float | None = None, style: str = "cyan", col_width: int = 2,
                 label_fmt: str = "{:.0f}") -> Text:
    """A column chart, one column per turn, ``height`` rows of eighth-blocks, with the scale
    on the left."""
    vals = list(values)
    if not vals:
        return Text("—")
    lo = min(0.0, min(vals)) if lo is None else lo
    hi = max(vals) if hi is None else hi
    if hi <= lo:
        hi = lo + 1.0
    levels = [(min(max(v, lo), hi) - lo) / (hi - lo) * height * 8 for v in vals]
    top, bottom = label_fmt.format(hi), label_fmt.format(lo)
    lw = max(len(top), len(bottom))
    t = Text()
    for row in range(height, 0, -1):
        label = top if row == height else bottom if row == 1 else ""
        t.append(label.rjust(lw) + " ┤", style="dim")
        for lv in levels:
            fill = lv - (row - 1) * 8
            ch = "█" if fill >= 8 else BLOCKS[int(max(0, fill))] if fill > 0 else " "
            t.append(ch if col_width == 1 else (ch * (col_width - 1)) + " ", style=style)
        t.append("\n")
    t.append(" " * lw + " └" + "─" * (len(vals) * col_width), style="dim")
    return t


def pad(text: str, width: int) -> str:
    """``text`` cut or padded to ``width`` terminal cells (Chinese characters take two)."""
    return set_cell_size(text, width)
