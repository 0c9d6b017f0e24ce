"""The rules (the in-game help) and the instructor's guides in every language, kept in step
with the English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.tui.dialogs.common import rules_text

DOCS = Path(__file__).resolve().parents[1] / "docs"
CODE = re.compile(r"`[^`\n]+`")


def _shape(text: str) -> dict:
    lines = text.splitlines()
    return {
        "headings": [len(x) - len(x.lstrip("#")) for x in lines if x.startswith("#")],
        "table rows": sum(1 for x in lines if x.startswith("|")),
        "list items": sum(1 for x in lines if re.match(r"\s*([-*]|\d+\.) ", x)),
        "code": sorted(set(CODE.findall(text))),
    }


# Chinese characters a translation has at least (content.md is mostly YAML)
PROSE = {"rules": 1500, "seminar": 1500, "debrief": 1500, "content": 500}


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans"])
@pytest.mark.parametrize("doc", list(PROSE))
def test_translation_has_the_shape_of_the_english(doc, lang):
    english = _shape((DOCS / f"{doc}.md").read_text(encoding="utf-8"))
    text = (DOCS / f"{doc}.{lang}.md").read_text(encoding="utf-8")
    assert _shape(text) == english  # headings, tables, lists and every code span
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > PROSE[doc]  # Chinese, not a copy


def test_help_shows_the_player_s_language():
    assert rules_text("en").startswith("# How New Yalta works")
    hant, hans = rules_text("zh-Hant"), rules_text("zh-Hans")
    assert "互信" in hant and "國家" in hant
    assert "国家" in hans and "國家" not in hans
