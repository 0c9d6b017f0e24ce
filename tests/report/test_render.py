"""The three forms of the report: JSON parses, Markdown is plain GFM, HTML is one file."""

import json
import re
from html.parser import HTMLParser

import pytest

from game.report import build_report, compare, open_save, render

from .conftest import golden_saves

GOLDEN = {p.stem: p for p in golden_saves()}


@pytest.fixture(scope="module")
def report():
    return build_report(open_save(GOLDEN["tft-vs-random-fog"]))


def test_json_parses_and_carries_everything(report):
    d = json.loads(render(report, "json"))
    for key in ("setup", "outcome", "timeline", "series", "matrix", "deals", "fingerprint",
                "counterfactual", "verification"):
        assert d[key] is not None, key
    for s in ("us", "cn"):
        assert isinstance(d["fingerprint"][s]["bot"], str)
        assert 0.0 <= d["fingerprint"][s]["agreement"] <= 1.0
    assert d["verification"]["ok"] is True
    assert len(d["timeline"]) == d["outcome"]["turns_played"] == 12
    # every change of every turn is there with its reason
    o = open_save(GOLDEN["tft-vs-random-fog"])
    for rec, t in zip(o.state.history, d["timeline"]):
        assert len(t["changes"]) == len(rec.changes)
        assert all(c["text"] for c in t["changes"])
    assert len(d["matrix"]["rows"]) == 12
    assert d["series"]["turn"] == list(range(13))


def test_undetected_breaches_and_false_flags_are_revealed(report):
    o = open_save(GOLDEN["tft-vs-random-fog"])
    secret = sum(1 for d in o.state.deals for b in d.breaches if not b[2])
    assert report["deals"]["totals"]["undetected"] == secret
    assert all(i["false_flag"] is not None for i in report["incidents"])


def test_markdown_is_plain_gfm(report):
    md = render(report, "md")
    assert not re.search(r"(?<!\\)<[A-Za-z/!]", md), "no raw HTML in the Markdown"
    assert md.startswith("# After-action report")
    lines = md.splitlines()
    for i, line in enumerate(lines):  # every table row has as many cells as its header
        if line.startswith("| ") and i + 1 < len(lines) and re.match(r"^\| (:?-+:? \| )+$",
                                                                    lines[i + 1] + " "):
            n = line.count(" | ")
            j = i + 2
            while j < len(lines) and lines[j].startswith("| "):
                assert lines[j].replace("\\|", "").count(" | ") == n, lines[j]
                j += 1
    for h in ("## Setup", "## Outcome", "## Timeline", "## Deals kept and broken",
              "## Counterfactual", "## Cooperate or compete, turn by turn",
              "## Which classic strategy each side played like"):
        assert h in md


class _Check(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            if k in ("src", "href", "xlink:href", "srcset", "action") and v:
                self.urls.append(v)


def test_html_is_self_contained(report):
    html = render(report, "html")
    p = _Check()
    p.feed(html)
    assert p.urls == []
    assert "svg" in p.tags and "script" not in p.tags and "link" not in p.tags
    assert not re.search(r"https?://|url\(|@import", html)
    assert html.count("<svg") >= 4


def test_player_text_is_escaped(tmp_path):
    from game import saves as S
    from game.engine.api import engine_for

    eng = engine_for("default")
    st = eng.new_game(5)
    nasty = "<script>alert(1)</script> | *bold* [x](y)"
    while st.phase != "over":
        for side, kind in eng.awaiting(st).items():
            if kind == "response":
                st = eng.submit(st, side, {"option": eng.response_options(st, side)[0]})
            elif kind == "talk":
                st = eng.submit(st, side, {"kind": "talk", "message": nasty})
            else:
                st = eng.submit(st, side, {"kind": "orders", "actions": []})
        if not eng.awaiting(st):
            st = eng.advance(st)
    doc = S.build(eng, st, seats={"us": "human", "cn": "human"})
    path = S.SaveStore(tmp_path).write(doc, tmp_path / "nasty.json")
    r = build_report(open_save(path))
    html = render(r, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = render(r, "md")
    assert "<script>" not in md and "\\<script\\>" in md
    # two humans: the counterfactual stands in a personality for the seat that stays
    c = r["counterfactual"]
    assert c["stand_in"] and list(c["stand_in"])[0] != c["side"]


def test_in_progress_game_hides_secrets(tmp_path):
    from game import saves as S
    from game.engine.api import replay

    o = open_save(GOLDEN["tft-vs-random-fog"])
    mid = replay(o.engine, o.doc["seed"], o.doc["log"][:40], noise=o.doc["noise"])
    doc = S.build(o.engine, mid, seats=o.doc["seats"])
    path = S.SaveStore(tmp_path).write(doc, tmp_path / "mid.json")
    r = build_report(open_save(path))
    assert r["outcome"]["over"] is False
    assert r["setup"]["objectives"] == {"us": None, "cn": None}
    assert all(b["detected"] for d in r["deals"]["rows"] for b in d["breaches"])
    for fmt in ("md", "html", "json"):
        assert render(r, fmt)


def test_class_report():
    items = [(p.stem, build_report(open_save(p), counterfactual=False))
             for p in GOLDEN.values() if "classic" not in p.stem]
    r = compare(items)
    assert len(r["tables"]) == len(items) and not r["notes"]
    json.loads(render(r, "json"))
    md = render(r, "md")
    assert "# Class debrief" in md and not re.search(r"(?<!\\)<[A-Za-z/!]", md)
    html = render(r, "html")
    assert "<svg" in html and not re.search(r"https?://", html)
    mixed = compare(items + [("classic", build_report(open_save(GOLDEN["classic-pavlov-vs-generous"]),
                                                      counterfactual=False))])
    assert mixed["notes"]


def test_classic_report_renders():
    r = build_report(open_save(GOLDEN["classic-pavlov-vs-generous"]))
    assert r["fingerprint"]["us"]["bot"] == "pavlov"
    for fmt in ("md", "html", "json"):
        assert render(r, fmt)
