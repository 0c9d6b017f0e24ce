"""The after-action report in Traditional and Simplified Chinese: every label translated,
the JSON's keys and ids the same in every language, the HTML marked with its language."""

import json
import re

import pytest

from game.report import build_report, compare, open_save, render

from .conftest import golden_saves

GOLDEN = {p.stem: p for p in golden_saves()}

# Labels and sentence pieces the English report prints; none may be left in Chinese.
ENGLISH = (
    "After-action report", "Class debrief", "Setup", "Scenario", "Period", "Seed",
    "Attribution fog", "Secret objective", "Verified", "Outcome", "Final score",
    "National score", "Cooperative turns", "Global welfare", "Trust", "Tension", "Escalation",
    "catastrophe risk", "Which classic strategy", "Personality", "played most like",
    "of its choices agree", "Agreement:", "Counterfactual", "The same seed", "As played",
    "Difference", "Deals kept", "turn by turn", "Rung", "Cooperate or compete",
    "mutual cooperation", "exploited", "head-on race", "seen as", "misread", "signed:",
    "Breaches", "false alarm", "Proposed by", "Verification", "Status", "Timeline", "Turn ",
    "News:", "Incident", "blamed on", "responded", "Talks, round", "offered", "Orders,",
    "Postures", "Results", "results", "United States", "China", "phases replay",
    "self-reporting", "inspections", "no verification", "in progress", "generated", "start",
    "bot:", "human", "detected", "was played by a person", "Dashed lines", "with generous",
    "Class means", "Endings", "Matrix totals", "Both cooperate", "Table", ", turn ", "did ",
)
REASON_LINES = re.compile(r"^- 理由（.*$|<li class='why'>.*?</li>", re.M)


@pytest.fixture(scope="module", params=["zh-Hant", "zh-Hans"])
def lang(request):
    return request.param


@pytest.fixture(scope="module")
def reports(lang):
    o = open_save(GOLDEN["tft-vs-random-fog"])
    return build_report(o, lang="en"), build_report(o, lang=lang)


def leftovers(text: str) -> list[str]:
    # the bots' own reasons are recorded in the save as they were given (in English)
    text = REASON_LINES.sub("", text)
    return [w for w in ENGLISH if re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text)]


def test_markdown_has_no_english_labels(reports, lang):
    md = render(reports[1], "md")
    assert leftovers(md) == [], lang
    assert md.startswith("# 檢討報告" if lang == "zh-Hant" else "# 复盘报告")
    for h in ("設定", "結局", "時間線", "反事實推演") if lang == "zh-Hant" else ("设置", "结局", "时间线", "反事实推演"):
        assert f"## {h}" in md


def test_html_has_no_english_labels_and_says_its_language(reports, lang):
    html = render(reports[1], "html")
    assert f'<html lang="{lang}">' in html
    assert '"WenQuanYi Zen Hei"' in html and '"Noto Sans CJK TC"' in html
    assert leftovers(text_of(html)) == [], lang
    assert render(reports[0], "html").startswith('<!DOCTYPE html>\n<html lang="en">')


def text_of(html: str) -> str:
    """What a reader sees of an HTML page (styles and tags left out)."""
    html = REASON_LINES.sub("", re.sub(r"<style>.*?</style>", "", html, flags=re.S))
    return re.sub(r"<[^>]+>", " ", html)


def _shape(x):
    if isinstance(x, dict):
        return {k: _shape(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_shape(v) for v in x]
    return type(x).__name__


def test_json_keys_and_ids_do_not_change_with_the_language(reports, lang):
    en, zh = (json.loads(render(r, "json")) for r in reports)
    for d in (en, zh):
        d.pop("generated_at")
    assert _shape(en) == _shape(zh)
    assert en["lang"] == "en" and zh["lang"] == lang
    assert zh["fingerprint"] == en["fingerprint"]  # {"us": {"bot": NAME, "agreement": f, ...}}
    assert zh["fingerprint"]["us"]["bot"] in ("dove", "hawk", "tit-for-tat", "grim", "pavlov",
                                              "generous", "random")
    for key in ("matrix", "series", "incidents"):
        if key != "incidents":
            assert zh[key] == en[key]
    assert [d["offer"] for d in zh["deals"]["rows"]] == [d["offer"] for d in en["deals"]["rows"]]
    assert zh["outcome"]["ending"] == en["outcome"]["ending"]
    assert zh["outcome"]["escalation"] == en["outcome"]["escalation"]
    # the values people read are in Chinese
    assert zh["outcome"]["ending_name"] != en["outcome"]["ending_name"]
    assert zh["setup"]["scenario_name"] != en["setup"]["scenario_name"]
    assert zh["timeline"][0]["changes"][0]["text"] != en["timeline"][0]["changes"][0]["text"]
    assert re.search(r"[\u4e00-\u9fff]", zh["fingerprint_text"]["us"])
    assert re.search(r"[\u4e00-\u9fff]", zh["verification"]["text"])


def test_class_report_in_chinese(lang):
    items = [(p.stem, build_report(open_save(p), counterfactual=False, lang=lang))
             for p in GOLDEN.values() if "classic" not in p.stem]
    r = compare(items)
    assert r["lang"] == lang
    assert all(k in ("in_progress", "new_yalta", "parallel_worlds", "race_to_bottom",
                     "suckers_payoff", "managed_rivalry", "gunfight", "catastrophe", "classic")
               for k in r["endings"])  # machine keys stay ids
    for fmt in ("md", "html"):
        text = render(r, fmt)
        if fmt == "html":
            assert f'<html lang="{lang}">' in text
            text = text_of(text)
        assert leftovers(text) == [], (fmt, lang)


def test_classic_and_in_progress_reports_in_chinese(tmp_path, lang):
    from game import saves as S
    from game.engine.api import replay

    r = build_report(open_save(GOLDEN["classic-pavlov-vs-generous"]), lang=lang)
    assert leftovers(render(r, "md")) == []
    assert leftovers(text_of(render(r, "html"))) == []
    o = open_save(GOLDEN["tft-vs-random-fog"])
    mid = replay(o.engine, o.doc["seed"], o.doc["log"][:40], noise=o.doc["noise"])
    path = S.SaveStore(tmp_path).write(S.build(o.engine, mid, seats=o.doc["seats"]),
                                       tmp_path / "mid.json")
    md = render(build_report(open_save(path), lang=lang), "md")
    assert ("遊戲仍在進行中" if lang == "zh-Hant" else "游戏仍在进行中") in md
    assert leftovers(md) == []


def test_replay_text_in_chinese(capsys):
    from game.cli import main

    assert main(["replay", str(GOLDEN["tft-vs-random-fog"]), "--text", "--lang", "zh-Hant"]) == 0
    out = capsys.readouterr().out
    assert "== 第1回合" in out and "結算" in out and "Turn" not in out
    assert main(["--lang", "zh-Hans", "replay", str(GOLDEN["tft-vs-random-fog"]), "--verify"]) == 0
    assert "通过" in capsys.readouterr().out


def test_report_command_picks_the_language(tmp_path, monkeypatch, capsys):
    from game.cli import main

    save = str(GOLDEN["generous-vs-grim"])
    assert main(["report", save, "--lang", "zh-Hant", "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# 檢討報告")
    assert main(["--lang", "zh-Hans", "report", save, "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# 复盘报告")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    out = tmp_path / "r.html"
    assert main(["report", save, "-o", str(out)]) == 0
    assert '<html lang="zh-Hant">' in out.read_text(encoding="utf-8")
    assert "已寫入" in capsys.readouterr().err
    # the sub-command's --lang wins over the environment
    assert main(["report", save, "--lang", "en", "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# After-action report")


def test_tui_export_in_the_game_language(tmp_path):
    from game.tui.screens.report import build_report as tui_build

    class Session:  # what build_report reads from a TUI session
        def __init__(self, o):
            self.o = o
            self.state, self.engine, self.game_id = o.state, o.engine, "g"

        def document(self, kind):
            return self.o.doc

        def title(self):
            return "t"

    r = tui_build(Session(open_save(GOLDEN["generous-vs-grim"])), "zh-Hant")
    assert r["lang"] == "zh-Hant"
    assert render(r, "md").startswith("# 檢討報告")
