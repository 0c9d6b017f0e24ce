"""The UI texts file itself: no key given twice (YAML would keep only the last), and every
translation fills only fields the code gives."""

import re
import string

import yaml

from game.i18n import _TEXTS, t, texts

# texts whose Chinese uses other fields than the English on purpose
OWN_FIELDS = re.compile(r"^date$")


def test_no_key_is_given_twice():
    root = yaml.compose(_TEXTS.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    dupes = []

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for k, v in node.value:
                if k.value in seen:
                    dupes.append(f"{path}{k.value} (line {k.start_mark.line + 1})")
                seen.add(k.value)
                walk(v, f"{path}{k.value}.")

    walk(root, "")
    assert dupes == []
    # the narration's reasons and the bots' reasons share one ``why`` section
    assert t("why.action", "en", side="China", card="X") == "China played X"
    assert t("why.open_coop", "zh-Hant") == "我以合作開局。"


def _fields(text: str) -> set:
    return {f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(text) if f}


def _printf(text: str) -> list:
    return sorted(re.findall(r"%\(\w+\)[sr]|%[sr]", text))


def test_translations_fill_the_same_fields():
    for key, entry in texts().items():
        if not isinstance(entry, dict):
            continue
        en = entry["en"]
        for lang in ("zh-Hant", "zh-Hans"):
            zh = entry[lang]
            assert _printf(zh) == _printf(en), (key, lang)
            if not OWN_FIELDS.match(key):
                assert _fields(zh) <= _fields(en), (key, lang, _fields(zh) - _fields(en))
