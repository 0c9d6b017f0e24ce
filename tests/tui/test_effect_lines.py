"""Effect lists in the previews break between effects, never inside one."""

from rich.cells import cell_len

from game.content.loader import load_pack
from game.narrate import effect_line
from game.tui.screens.panels import _fx


def test_lines_break_between_effects_within_the_width():
    pack = load_pack("default")
    for lang in ("en", "zh-Hant"):
        for a in pack.actions.values():
            phrases = [effect_line(e, pack, lang) for e in a.effects][:8]
            for width in (24, 40, 76):
                text = _fx(a.effects, pack, lang, limit=8, width=width, first=6, indent="  ")
                lines = text.split("\n")
                for k, line in enumerate(lines):
                    # every line holds whole effects, and fits unless one effect alone is wider
                    body = line.strip().removesuffix(" ·")
                    assert all(p in phrases for p in body.split(" · ")), (a.id, line)
                    room = width - (6 if k == 0 else 0)
                    assert cell_len(line) <= room or " · " not in body, (a.id, width, line)
                    if k > 0:
                        assert line.startswith("  "), line
                assert " · ".join(p.strip().removesuffix(" ·") for p in lines) == " · ".join(phrases)


def test_no_width_keeps_one_line():
    pack = load_pack("default")
    a = pack.actions["us_export_tiers"]
    assert "\n" not in _fx(a.effects, pack, "en")
