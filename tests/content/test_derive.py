"""Simplified Chinese derived from the Traditional, written into the YAML in place."""

import pytest
import yaml

from game.content.i18n import missing_translations


def test_shipped_packs_have_simplified_chinese(default_pack, classic_pack):
    assert missing_translations(default_pack, "zh-Hans") == []
    assert missing_translations(classic_pack, "zh-Hans") == []
    # mainland usage, not a character-by-character copy of Taiwan usage
    texts = " ".join(a.text.zh_Hans for a in default_pack.actions.values())
    assert "芯片" in texts and "晶片" not in texts and "人工智慧" not in texts


def test_derive_keeps_layout_and_adds_only_hans(tmp_path):
    derive = pytest.importorskip("game.content.derive")
    pytest.importorskip("opencc")
    f = tmp_path / "x.yaml"
    f.write_text(
        "schema_version: 1  # keep me\n"
        "entries:\n"
        "  - name: {en: \"Chips\", zh-Hant: \"晶片\"}\n"
        "    text:\n"
        "      en: >-\n"
        "        long\n"
        "      zh-Hant: >-\n"
        "        人工智慧的網路\n"
        "        安全\n"
        "    other:\n"
        "      en: \"kept\"\n"
        "      zh-Hant: \"軟體\"\n"
        "      zh-Hans: \"已審閱\"\n", encoding="utf-8")
    n = derive.derive_file(f, derive.converter())
    assert n == 2
    text = f.read_text(encoding="utf-8")
    assert "# keep me" in text
    data = yaml.safe_load(text)
    e = data["entries"][0]
    assert e["name"]["zh-Hans"] == "芯片"
    assert e["text"]["zh-Hans"].startswith("人工智能的网络")
    assert e["other"]["zh-Hans"] == "已審閱"  # a reviewed text is never overwritten
    assert derive.derive_file(f, derive.converter()) == 0


def test_derive_writes_a_simplified_document_beside_a_traditional_one(tmp_path):
    derive = pytest.importorskip("game.content.derive")
    pytest.importorskip("opencc")
    (tmp_path / "guide.zh-Hant.md").write_text("# 晶片與網路\n\n`yalta simulate --noise P`：人工智慧。\n",
                                               encoding="utf-8")
    (tmp_path / "guide.md").write_text("# Chips\n", encoding="utf-8")  # English: left alone
    done = derive.derive_paths([tmp_path])
    out = tmp_path / "guide.zh-Hans.md"
    assert done == {out: 1}
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 芯片与网络") and "`yalta simulate --noise P`" in text
    assert "人工智能" in text
    out.write_text("# 已审阅\n", encoding="utf-8")  # a reviewed document is never overwritten
    assert derive.derive_paths([tmp_path]) == {}
    assert out.read_text(encoding="utf-8") == "# 已审阅\n"


def test_simplified_chinese_quotes_as_the_mainland_does():
    from pathlib import Path

    import yaml

    from game.i18n import texts

    def hans(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "zh-Hans" and isinstance(v, str):
                    yield v
                else:
                    yield from hans(v)
        elif isinstance(node, list):
            for v in node:
                yield from hans(v)

    root = Path(__file__).resolve().parents[2]
    found = [v for f in sorted((root / "content").rglob("*.yaml"))
             for v in hans(yaml.safe_load(f.read_text(encoding="utf-8")))]
    found += [e["zh-Hans"] for e in texts().values() if isinstance(e, dict) and e.get("zh-Hans")]
    found.append((root / "docs" / "rules.zh-Hans.md").read_text(encoding="utf-8"))
    assert len(found) > 500
    assert not [v for v in found if "「" in v or "」" in v]
    assert any("“" in v for v in found)


def test_derive_turns_corner_brackets_into_curly_quotes():
    derive = pytest.importorskip("game.content.derive")
    pytest.importorskip("opencc")
    assert derive.converter()("「晶片」與『網路』") == "“芯片”与‘网络’"
