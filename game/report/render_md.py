"""The report as plain GitHub-flavoured Markdown: headings, lists and pipe tables, no HTML
(a code-hosting site renders it as written). Charts become per-turn tables with a
sparkline of block characters."""

from __future__ import annotations

import re

from .model import SIDE_NAME, SIDE_TITLE

SPARK = "▁▂▃▄▅▆▇█"
PHASE_TITLE = {"news": "News", "talks": "Talks", "orders": "Orders",
               "resolution": "Resolution", "assessment": "Assessment"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def esc(text) -> str:
    """Text that Markdown shows as written (no emphasis, links, HTML or table breaks)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def num(x, digits: int = 1) -> str:
    return f"{x:.{digits}f}" if isinstance(x, (int, float)) else "—"


def signed(x, digits: int = 1) -> str:
    return f"{x:+.{digits}f}" if isinstance(x, (int, float)) else "—"


def spark(values: list, lo=None, hi=None) -> str:
    if not values:
        return ""
    lo = min(values) if lo is None else lo
    hi = max(values) if hi is None else hi
    span = (hi - lo) or 1.0
    return "".join(SPARK[max(0, min(7, int((v - lo) / span * 7.999)))] for v in values)


def table(head: list, rows: list, align: list | None = None) -> list[str]:
    align = align or ["l"] * len(head)
    sep = ["---:" if a == "r" else ":---:" if a == "c" else "---" for a in align]
    out = ["| " + " | ".join(head) + " |", "| " + " | ".join(sep) + " |"]
    for r in rows:
        out.append("| " + " | ".join(str(c) for c in r) + " |")
    return out


def seat_text(seat: str) -> str:
    return f"bot: {seat[4:]}" if seat.startswith("bot:") else seat


def _setup(r: dict) -> list[str]:
    s, o = r["setup"], r["outcome"]
    out = [f"# After-action report: {esc(s['scenario_name'])}", ""]
    if s.get("name"):
        out += [f"*{esc(s['name'])}*", ""]
    out += ["## Setup", ""]
    rows = [
        ["Scenario", f"{esc(s['scenario_name'])} (`{s['scenario']}`, pack `{s['pack']}`)"],
        ["Period", f"{s['dates'][0]} to {s['dates'][1]}, {s['turns']} turns"],
        ["United States", esc(seat_text(s["seats"].get("us", "?")))],
        ["China", esc(seat_text(s["seats"].get("cn", "?")))],
        ["Seed", f"`{s['seed']}`"],
        ["Attribution fog", f"{s['noise']:.0%}"],
    ]
    off = [k for k, v in s["options"].items() if v is False]
    if off:
        rows.append(["Switched off", ", ".join(off)])
    for side in ("us", "cn"):
        ob = s["objectives"].get(side)
        if ob:
            met = "met" if ob["met"] else "not met"
            rows.append([f"Secret objective, {SIDE_TITLE[side]}",
                         f"{esc(ob['name'])} ({met}, bonus {ob['bonus']:g})"])
    out += table(["", ""], rows) + [""]
    if s.get("scenario_text"):
        out += [f"> {esc(s['scenario_text'])}", ""]
    v = r.get("verification")
    if v:
        mark = "Verified" if v["ok"] else "Not verified"
        out += [f"**{mark}:** {esc(v['text'])}.", ""]
    if not o["over"]:
        out += [f"**The game is still in progress** (turn {o['turn']}, {o['phase']} phase): "
                "secrets stay hidden until it ends.", ""]
    return out


def _outcome(r: dict) -> list[str]:
    o = r["outcome"]
    out = ["## Outcome", ""]
    if o["ending_name"]:
        out += [f"**{esc(o['ending_name'])}.** {esc(o['ending_text'])}", ""]
    rows = [
        ["Final score", num(o["final"]["us"]), num(o["final"]["cn"])],
        ["National score", num(o["national"]["us"]), num(o["national"]["cn"])],
        ["Cooperative turns", f"{o['cooperation']['us']:.0%}", f"{o['cooperation']['cn']:.0%}"],
    ]
    out += table(["", "United States", "China"], rows, ["l", "r", "r"]) + [""]
    out += [f"Global welfare **{num(o['welfare'])}**, trust **{num(o['trust'])}**, tension "
            f"**{num(o['tension'])}** ({esc(o['escalation_name'])}); catastrophe risk: "
            + ", ".join(f"{k} {num(v)}" for k, v in o["risk"].items()) + ".", ""]
    return out


def _charts(r: dict) -> list[str]:
    se = r.get("series")
    if not se or len(se["turn"]) < 2:
        return []
    out = ["## Trust, welfare, escalation and national scores", ""]
    lines = [
        ["Trust (0–100)", se["trust"], 0, 100],
        ["Tension (0–100)", se["tension"], 0, 100],
        ["Global welfare", se["welfare"], None, None],
        ["National score, United States", se["national"]["us"], None, None],
        ["National score, China", se["national"]["cn"], None, None],
    ]
    rows = [[name, f"`{spark(vals, lo, hi)}`", num(vals[0]), num(vals[-1])]
            for name, vals, lo, hi in lines]
    out += table(["", "turn by turn", "start", "end"], rows, ["l", "l", "r", "r"]) + [""]
    head = ["Turn", "Trust", "Tension", "Rung", "Welfare", "National US", "National CN"]
    from .. import narrate

    body = []
    for i, t in enumerate(se["turn"]):
        body.append([str(t) if t else "start", num(se["trust"][i]), num(se["tension"][i]),
                     esc(narrate.ladder_name(se["level"][i])), num(se["welfare"][i]),
                     num(se["national"]["us"][i]), num(se["national"]["cn"][i])])
    out += table(head, body, ["r", "r", "r", "l", "r", "r", "r"]) + [""]
    return out


def _matrix(r: dict) -> list[str]:
    m = r["matrix"]
    if not m["rows"]:
        return []
    out = ["## Cooperate or compete, turn by turn", "",
           "C = cooperated, D = competed. *Seen as* is what the world saw: fog, blame and "
           "false alarms can make a cooperative turn look competitive.", ""]
    rows = []
    for x in m["rows"]:
        note = ", ".join(f"{SIDE_TITLE[s]} misread" for s in x["misread"])
        rows.append([str(x["turn"]), x["us"], x["cn"], x["us_seen"], x["cn_seen"], note])
    out += table(["Turn", "US", "China", "US seen as", "China seen as", ""], rows,
                 ["r", "c", "c", "c", "c", "l"]) + [""]
    c = m["counts"]
    out += table(["", "China cooperates", "China competes"],
                 [["US cooperates", f"{c['CC']} (mutual cooperation)", f"{c['CD']} (US exploited)"],
                  ["US competes", f"{c['DC']} (China exploited)", f"{c['DD']} (head-on race)"]],
                 ["l", "r", "r"]) + [""]
    return out


def _deals(r: dict) -> list[str]:
    d = r["deals"]
    out = ["## Deals kept and broken", ""]
    if not d["rows"]:
        return out + ["No deal was signed.", ""]
    t = d["totals"]
    out += [f"{t['signed']} signed: {t['kept']} kept, {t['broken']} broken, {t['collapsed']} "
            f"collapsed on a false alarm, {t['active']} still in force. Breaches: "
            f"{t['breaches']} ({t['detected']} detected, {t['undetected']} never detected); "
            f"false alarms: {t['false_alarms']}.", ""]
    rows = []
    for x in d["rows"]:
        events = []
        for b in x["breaches"]:
            how = "detected" if b["detected"] else "**undetected** (revealed now)"
            events.append(f"turn {b['turn']}: {SIDE_TITLE[b['side']]} breached, {how}")
        for a in x["alarms"]:
            events.append(f"turn {a['turn']}: false alarm against {SIDE_TITLE[a['side']]}")
        rows.append([esc(x["name"]), SIDE_TITLE[x["proposer"]], f"{x['signed']}–{x['ends']}",
                     x["verification"].replace("_", " "), x["status"],
                     esc("; ".join(events)) if events else "—"])
    out += table(["Deal", "Proposed by", "Turns", "Verification", "Status", "Breaches and alarms"],
                 rows) + [""]
    return out


def _fingerprint(r: dict) -> list[str]:
    f = r.get("fingerprint") or {}
    if not f:
        return []
    out = ["## Which classic strategy each side played like", ""]
    for side in ("us", "cn"):
        out.append(f"- {esc(r['fingerprint_text'][side])}")
    out.append("")
    names = list(f["us"]["scores"])
    rows = [[n, f"{f['us']['scores'][n]:.0%}", f"{f['cn']['scores'][n]:.0%}"] for n in names]
    out += table(["Personality", "United States", "China"], rows, ["l", "r", "r"]) + [""]
    out += ["Agreement: the share of turns on which the personality's rule, given the same "
            "public history, makes the side's actual choice (for rules with a coin, the "
            "chance that it does). See docs/debrief.md.", ""]
    return out


def _counterfactual(r: dict) -> list[str]:
    c = r.get("counterfactual")
    if not c:
        return []
    who = SIDE_NAME[c["side"]]
    out = ["## Counterfactual", "",
           f"The same seed replayed with **{esc(c['bot'])}** in the seat of {who} "
           f"(was {esc(seat_text(c['replaced']))})."]
    for side, bot in c["stand_in"].items():
        out.append(f"{SIDE_TITLE[side]} was played by a person; in the replay it is stood in "
                   f"for by **{esc(bot)}**, the personality its play looked most like.")
    out.append("")
    out += comparison_table(c)
    out.append("")
    return out


def comparison_rows(c: dict) -> list[list[str]]:
    a, b = c["original"], c["counterfactual"]
    from .. import narrate

    def end(x):
        return narrate.ending_name(x["ending"]) if x["ending"] else "in progress"

    rows = [
        ["Ending", end(a), end(b), ""],
        ["Final score, US", num(a["final"]["us"]), num(b["final"]["us"]),
         signed(b["final"]["us"] - a["final"]["us"])],
        ["Final score, China", num(a["final"]["cn"]), num(b["final"]["cn"]),
         signed(b["final"]["cn"] - a["final"]["cn"])],
        ["National score, US", num(a["national"]["us"]), num(b["national"]["us"]),
         signed(b["national"]["us"] - a["national"]["us"])],
        ["National score, China", num(a["national"]["cn"]), num(b["national"]["cn"]),
         signed(b["national"]["cn"] - a["national"]["cn"])],
        ["Global welfare", num(a["welfare"]), num(b["welfare"]), signed(b["welfare"] - a["welfare"])],
        ["Trust", num(a["trust"]), num(b["trust"]), signed(b["trust"] - a["trust"])],
        ["Tension", num(a["tension"]), num(b["tension"]), signed(b["tension"] - a["tension"])],
        ["Cooperative turns, US", f"{a['cooperation']['us']:.0%}", f"{b['cooperation']['us']:.0%}", ""],
        ["Cooperative turns, China", f"{a['cooperation']['cn']:.0%}", f"{b['cooperation']['cn']:.0%}", ""],
        ["Deals kept / broken", f"{a['deals']['kept']} / {a['deals']['broken']}",
         f"{b['deals']['kept']} / {b['deals']['broken']}", ""],
    ]
    return rows


def comparison_table(c: dict) -> list[str]:
    return table(["", "As played", f"With {esc(c['bot'])}", "Difference"],
                 [[esc(x) for x in row] for row in comparison_rows(c)], ["l", "r", "r", "r"])


def _timeline(r: dict) -> list[str]:
    out = ["## Timeline", ""]
    for t in r["timeline"]:
        out += [f"### Turn {t['turn']} — {t['date']}", ""]
        if t["event"]:
            out.append(f"**News: {esc(t['event']['name'])}.** {esc(t['event']['text'])}")
            out.append("")
        for inc in t["incidents"]:
            truth = ("a false flag" if inc["false_flag"] else "genuine" if inc["false_flag"] is False
                     else "not yet known")
            cleared = ", cleared at once by an open channel" if inc["clarified"] else ""
            out.append(f"- Incident #{inc['id']} ({esc(inc['source'])}) blamed on "
                       f"{SIDE_TITLE[inc['blamed']]} with {inc['confidence']:.0%} confidence"
                       f"{cleared}; truth: {truth}.")
        for x in t["responses"]:
            out.append(f"- {SIDE_TITLE[x['side']]} responded: {esc(x['name'])} ({x['stance']}).")
        for o in t["offers"]:
            out.append(f"- Talks, round {o['round']}: {SIDE_TITLE[o['from']]} offered "
                       f"{esc(o['name'])} ({o['duration']} turns, "
                       f"{o['verification'].replace('_', ' ')}): {o['status']}.")
        for m in t["messages"]:
            out.append(f"- {SIDE_TITLE[m['side']]} said: “{esc(m['text'])}”")
        for side in ("us", "cn"):
            cards = t["orders"].get(side) or []
            if t["complete"] or cards:
                played = ", ".join(f"{esc(c['name'])} ({c['stance']})" for c in cards) or "nothing"
                out.append(f"- Orders, {SIDE_TITLE[side]}: {played}.")
        for d in t["deal_events"]:
            if d["kind"] == "breach":
                how = "detected" if d["detected"] else "not detected (revealed now)"
                out.append(f"- {SIDE_TITLE[d['side']]} breached {esc(d['name'])}: {how}.")
            else:
                out.append(f"- False alarm: {SIDE_TITLE[d['side']]} accused under {esc(d['name'])}.")
        if t["posture"]:
            p, q = t["posture"], t["public"]
            out.append(f"- Postures: United States {p.get('us')} (seen as {q.get('us')}), "
                       f"China {p.get('cn')} (seen as {q.get('cn')}).")
        for x in t["reasons"]:
            out.append(f"- Why ({SIDE_TITLE.get(x['side'], x['side'])}, {x['phase']}): {esc(x['why'])}")
        out.append("")
        if t["changes"]:
            out.append("Results:")
            out.append("")
            for phase in ("news", "talks", "resolution"):
                rows = [c for c in t["changes"] if c["phase"] == phase]
                if rows:
                    out.append(f"- *{PHASE_TITLE[phase]}*")
                    out += [f"  - {esc(c['text'])}" for c in rows]
            other = [c for c in t["changes"] if c["phase"] not in ("news", "talks", "resolution")]
            out += [f"- {esc(c['text'])}" for c in other]
            out.append("")
    return out


def render_md(r: dict) -> str:
    if r.get("format", "").endswith("-class"):
        return render_class_md(r)
    parts = (_setup(r) + _outcome(r) + _fingerprint(r) + _counterfactual(r) + _charts(r)
             + _matrix(r) + _deals(r) + _timeline(r))
    return "\n".join(parts).rstrip() + "\n"


def render_class_md(r: dict) -> str:
    sc = r["scenario"]
    out = [f"# Class debrief: {esc(sc['scenario_name'])}", "",
           f"{len(r['tables'])} tables played `{sc['pack']}/{sc['scenario']}`.", ""]
    for n in r["notes"]:
        out += [f"**Note:** {esc(n)}.", ""]
    rows = []
    for t in r["tables"]:
        o = t["outcome"]
        rows.append([esc(t["label"]), esc(seat_text(t["seats"].get("us", "?"))),
                     esc(seat_text(t["seats"].get("cn", "?"))), str(t["seed"]),
                     esc(o["ending_name"] or "in progress"), num(o["final"]["us"]),
                     num(o["final"]["cn"]), num(o["welfare"]), num(o["trust"]),
                     f"{o['cooperation']['us']:.0%} / {o['cooperation']['cn']:.0%}",
                     f"{t['deals']['kept']} / {t['deals']['broken']}",
                     esc(t["fingerprint"].get("us", {}).get("bot", "—")) + " / "
                     + esc(t["fingerprint"].get("cn", {}).get("bot", "—"))])
    out += table(["Table", "United States", "China", "Seed", "Ending", "Final US", "Final CN",
                  "Welfare", "Trust", "Cooperation US / CN", "Deals kept / broken",
                  "Played like US / CN"], rows,
                 ["l", "l", "l", "r", "l", "r", "r", "r", "r", "r", "r", "l"]) + [""]
    m = r["mean"]
    out += [f"Class means: final score United States {num(m['final']['us'])}, China "
            f"{num(m['final']['cn'])}; welfare {num(m['welfare'])}; trust {num(m['trust'])}; "
            f"cooperation {m['cooperation']['us']:.0%} / {m['cooperation']['cn']:.0%}.", ""]
    out += ["Endings: " + ", ".join(f"{esc(k)} {v}" for k, v in r["endings"].items()) + ".", ""]
    out += ["## Trust and welfare by table", ""]
    rows = []
    for t in r["tables"]:
        se = t["series"]
        if se:
            rows.append([esc(t["label"]), f"`{spark(se['trust'], 0, 100)}`",
                         f"`{spark(se['welfare'])}`", f"`{spark(se['tension'], 0, 100)}`"])
    out += table(["Table", "Trust", "Welfare", "Tension"], rows) + [""]
    out += ["## Matrix totals", ""]
    rows = [[esc(t["label"]), str(t["matrix"]["CC"]), str(t["matrix"]["CD"]),
             str(t["matrix"]["DC"]), str(t["matrix"]["DD"])] for t in r["tables"]]
    out += table(["Table", "Both cooperate", "US exploited", "China exploited", "Head-on race"],
                 rows, ["l", "r", "r", "r", "r"]) + [""]
    return "\n".join(out).rstrip() + "\n"
