"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no scripts,
no fonts, images or links to fetch, so it opens offline and prints as it shows."""

from __future__ import annotations

from html import escape

from .. import narrate
from ..engine.state import LADDER_FLOORS
from .model import SIDE_NAME, SIDE_TITLE
from .render_md import comparison_rows, num, seat_text

COLORS = {"us": "#2f6db5", "cn": "#c23b30", "trust": "#2e8b57", "tension": "#d9822b",
          "welfare": "#6f4aa8"}
PHASE_TITLE = {"news": "News", "talks": "Talks", "resolution": "Resolution"}

CSS = """
:root { --ink:#1d232b; --muted:#5b6573; --line:#d8dde3; --bg:#ffffff; --soft:#f4f6f8;
        --c:#2e8b57; --d:#c0392b; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang TC",
       "Microsoft JhengHei", sans-serif; color: var(--ink); background: var(--bg);
       margin: 0; padding: 24px 32px 64px; max-width: 1120px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 14px 0 6px; }
.sub { color: var(--muted); margin: 0 0 16px; }
table { border-collapse: collapse; margin: 8px 0 12px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.n, th.n { text-align: right; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 150px; background: var(--soft); }
.card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .v { font-size: 22px; font-weight: 650; }
.us { color: #2f6db5; } .cn { color: #c23b30; }
.ending { font-size: 18px; font-weight: 650; }
.ok { color: #1f7a3f; } .bad { color: #b3261e; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 12px 20px; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 2px; }
svg text { font: 11px system-ui, sans-serif; fill: #5b6573; }
.matrix td.C { background: #d9f0e1; color: #1f6b3a; text-align: center; font-weight: 650; }
.matrix td.D { background: #f8dcd8; color: #9b2a1f; text-align: center; font-weight: 650; }
.matrix td.seen { box-shadow: inset 0 0 0 2px #d9822b; }
.matrix th { text-align: center; }
details { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; padding: 4px 12px; }
details[open] { background: #fcfcfd; }
summary { cursor: pointer; font-weight: 600; padding: 2px 0; }
summary .tag { font-weight: 500; color: var(--muted); }
ul { margin: 4px 0 8px; padding-left: 20px; }
li { margin: 1px 0; }
.why { color: var(--muted); font-style: italic; }
.chg { font-size: 13px; columns: 2 420px; }
.reveal { background: #fff3cd; padding: 0 4px; border-radius: 3px; }
.note { color: var(--muted); font-size: 13px; }
.pill { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 650; }
.pill.C { background: #d9f0e1; color: #1f6b3a; } .pill.D { background: #f8dcd8; color: #9b2a1f; }
@media print { body { padding: 0; } details { break-inside: avoid; } }
"""


def e(x) -> str:
    return escape(str(x), quote=True)


# ---------------------------------------------------------------------------------------
# charts

def line_chart(title: str, xs: list, lines: list, lo=None, hi=None, bands=None,
               width: int = 520, height: int = 230) -> str:
    """An SVG line chart. ``lines``: [(label, values, color, dashed)]."""
    pad_l, pad_r, pad_t, pad_b = 44, 12, 10, 44
    vals = [v for _, vs, _, _ in lines for v in vs if v is not None]
    if not vals or len(xs) < 1:
        return ""
    auto = lo is None or hi is None
    lo = min(vals + [0.0]) if lo is None else lo
    hi = max(vals + [1.0]) if hi is None else hi
    if hi - lo < 1e-9:
        hi = lo + 1.0
    if auto:
        span = hi - lo
        lo, hi = lo - span * 0.05, hi + span * 0.05
    x0, x1 = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1
    pw, ph = width - pad_l - pad_r, height - pad_t - pad_b

    def X(x):
        return pad_l + (x - x0) / (x1 - x0) * pw

    def Y(y):
        return pad_t + (1 - (y - lo) / (hi - lo)) * ph

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-label="{e(title)}">']
    if bands:
        shades = ("#eef7f0", "#f6f8ea", "#fbf3e4", "#fbe9dc", "#f8dedb", "#f3d3d0")
        for i, (a, b, name) in enumerate(bands):
            ya, yb = Y(min(b, hi)), Y(max(a, lo))
            out.append(f'<rect x="{pad_l}" y="{ya:.1f}" width="{pw}" height="{max(0, yb - ya):.1f}" '
                       f'fill="{shades[i % len(shades)]}"/>')
            out.append(f'<text x="{pad_l + pw - 4}" y="{yb - 3:.1f}" text-anchor="end" '
                       f'style="font-size:9px">{e(name)}</text>')
    for i in range(5):  # grid and y ticks
        v = lo + (hi - lo) * i / 4
        y = Y(v)
        out.append(f'<line x1="{pad_l}" y1="{y:.1f}" x2="{pad_l + pw}" y2="{y:.1f}" stroke="#e3e7ec"/>')
        out.append(f'<text x="{pad_l - 6}" y="{y + 4:.1f}" text-anchor="end">{v:.0f}</text>')
    step = max(1, len(xs) // 12)
    for x in xs[::step]:
        out.append(f'<text x="{X(x):.1f}" y="{pad_t + ph + 14}" text-anchor="middle">'
                   f'{"start" if x == 0 else x}</text>')
    out.append(f'<line x1="{pad_l}" y1="{pad_t + ph}" x2="{pad_l + pw}" y2="{pad_t + ph}" stroke="#9aa4b1"/>')
    if lo < 0 < hi:
        out.append(f'<line x1="{pad_l}" y1="{Y(0):.1f}" x2="{pad_l + pw}" y2="{Y(0):.1f}" stroke="#9aa4b1" stroke-dasharray="2 3"/>')
    for label, vs, color, dashed in lines:
        pts = " ".join(f"{X(x):.1f},{Y(v):.1f}" for x, v in zip(xs, vs) if v is not None)
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2.2"{dash}/>')
        if not dashed:
            for x, v in zip(xs, vs):
                if v is None:
                    continue
                out.append(f'<circle cx="{X(x):.1f}" cy="{Y(v):.1f}" r="2.6" fill="{color}">'
                           f'<title>{e(label)}, turn {x}: {v:.1f}</title></circle>')
    lx = pad_l
    ly = height - 10
    for label, _, color, dashed in lines:
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 18}" y2="{ly - 4}" stroke="{color}" stroke-width="2.2"{dash}/>')
        out.append(f'<text x="{lx + 22}" y="{ly}">{e(label)}</text>')
        lx += 30 + 6.2 * len(label)
    out.append("</svg>")
    return f"<figure><figcaption>{e(title)}</figcaption>{''.join(out)}</figure>"


def ladder_bands() -> list:
    floors = list(LADDER_FLOORS) + [101]
    return [(floors[i], floors[i + 1], narrate.ladder_name(i)) for i in range(len(LADDER_FLOORS))]


def charts(r: dict) -> str:
    se = r.get("series")
    if not se or len(se["turn"]) < 2:
        return ""
    cf = r.get("counterfactual")
    cs = cf["series"] if cf else None
    xs = se["turn"]
    alt = f" with {cf['bot']}" if cf else ""

    parts = []
    trust = [("trust", se["trust"], COLORS["trust"], False)]
    if cs:
        trust += [("trust" + alt, cs["trust"], COLORS["trust"], True)]
    parts.append(_chart_xs("Trust (0–100)", xs, cs, trust, 0, 100))
    tension = [("tension", se["tension"], COLORS["tension"], False)]
    if cs:
        tension += [("tension" + alt, cs["tension"], COLORS["tension"], True)]
    parts.append(_chart_xs("Escalation: tension on the ladder", xs, cs, tension, 0, 100, ladder_bands()))
    welfare = [("global welfare", se["welfare"], COLORS["welfare"], False)]
    if cs:
        welfare += [("welfare" + alt, cs["welfare"], COLORS["welfare"], True)]
    parts.append(_chart_xs("Global welfare (running total)", xs, cs, welfare))
    nat = [("United States", se["national"]["us"], COLORS["us"], False),
           ("China", se["national"]["cn"], COLORS["cn"], False)]
    if cs:
        nat += [("US" + alt, cs["national"]["us"], COLORS["us"], True),
                ("CN" + alt, cs["national"]["cn"], COLORS["cn"], True)]
    parts.append(_chart_xs("National scores", xs, cs, nat))
    note = (f'<p class="note">Dashed lines: the counterfactual, the same seed with '
            f'{e(cf["bot"])} in the seat of {e(SIDE_NAME[cf["side"]])}.</p>') if cf else ""
    return ('<h2>Trust, welfare, escalation and national scores</h2><div class="charts">'
            + "".join(parts) + "</div>" + note)


def _chart_xs(title, xs, cs, lines, lo=None, hi=None, bands=None) -> str:
    """Lines may differ in length (a counterfactual that ended early): pad with None."""
    allx = xs if not cs or len(cs["turn"]) <= len(xs) else cs["turn"]
    padded = [(lbl, list(v) + [None] * (len(allx) - len(v)), c, d) for lbl, v, c, d in lines]
    return line_chart(title, allx, padded, lo, hi, bands)


# ---------------------------------------------------------------------------------------
# sections

def _table(head: list, rows: list, num_cols=(), cls: str = "") -> str:
    h = "".join(f'<th class="n">{x}</th>' if i in num_cols else f"<th>{x}</th>"
                for i, x in enumerate(head))
    body = []
    for row in rows:
        body.append("<tr>" + "".join(f'<td class="n">{c}</td>' if i in num_cols else f"<td>{c}</td>"
                                     for i, c in enumerate(row)) + "</tr>")
    c = f' class="{cls}"' if cls else ""
    return f"<table{c}><thead><tr>{h}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def header(r: dict) -> str:
    s, o = r["setup"], r["outcome"]
    out = [f"<h1>After-action report: {e(s['scenario_name'])}</h1>",
           f'<p class="sub">{e(s["dates"][0])} to {e(s["dates"][1])} · {s["turns"]} turns · '
           f'seed {s["seed"]} · fog {s["noise"]:.0%}'
           + (f" · {e(s['name'])}" if s.get("name") else "") + "</p>"]
    v = r.get("verification")
    if v:
        cls = "ok" if v["ok"] else "bad"
        out.append(f'<p class="{cls}">{"✔ Verified" if v["ok"] else "✘ Not verified"}: {e(v["text"])}.</p>')
    if not o["over"]:
        out.append(f'<p class="bad">The game is still in progress (turn {o["turn"]}, {e(o["phase"])} '
                   "phase): secrets stay hidden until it ends.</p>")
    out.append("<h2>Setup</h2>")
    rows = [["Scenario", f"{e(s['scenario_name'])} <span class='note'>({e(s['pack'])}/{e(s['scenario'])})</span>"],
            ['<span class="us">United States</span>', e(seat_text(s["seats"].get("us", "?")))],
            ['<span class="cn">China</span>', e(seat_text(s["seats"].get("cn", "?")))]]
    off = [k for k, val in s["options"].items() if val is False]
    if off:
        rows.append(["Switched off", e(", ".join(off))])
    for side in ("us", "cn"):
        ob = s["objectives"].get(side)
        if ob:
            rows.append([f"Secret objective, {SIDE_TITLE[side]}",
                         f"{e(ob['name'])} — {'met' if ob['met'] else 'not met'} (bonus {ob['bonus']:g})"])
    out.append(_table(["", ""], rows))
    if s.get("scenario_text"):
        out.append(f'<p class="note">{e(s["scenario_text"])}</p>')
    return "".join(out)


def outcome(r: dict) -> str:
    o = r["outcome"]
    out = ["<h2>Outcome</h2>"]
    if o["ending_name"]:
        out.append(f'<p><span class="ending">{e(o["ending_name"])}.</span> {e(o["ending_text"])}</p>')
    cards = [("Final score, US", num(o["final"]["us"]), "us"), ("Final score, China", num(o["final"]["cn"]), "cn"),
             ("Global welfare", num(o["welfare"]), ""), ("Trust", num(o["trust"]), ""),
             ("Escalation", f'{e(o["escalation_name"])}', "")]
    out.append('<div class="cards">' + "".join(
        f'<div class="card"><div class="k">{k}</div><div class="v {c}">{v}</div></div>'
        for k, v, c in cards) + "</div>")
    out.append(_table(["", "United States", "China"], [
        ["National score", num(o["national"]["us"]), num(o["national"]["cn"])],
        ["Cooperative turns", f"{o['cooperation']['us']:.0%}", f"{o['cooperation']['cn']:.0%}"],
    ], num_cols=(1, 2)))
    return "".join(out)


def fingerprint(r: dict) -> str:
    f = r.get("fingerprint") or {}
    if not f:
        return ""
    out = ["<h2>Which classic strategy each side played like</h2><ul>"]
    out += [f"<li><b>{e(r['fingerprint_text'][s])}</b></li>" for s in ("us", "cn")]
    out.append("</ul>")
    rows = []
    for n in f["us"]["scores"]:
        cells = []
        for s in ("us", "cn"):
            v = f[s]["scores"][n]
            best = " ◀" if f[s]["bot"] == n else ""
            bar = (f'<svg width="120" height="10"><rect width="120" height="10" fill="#eef1f4"/>'
                   f'<rect width="{120 * v:.0f}" height="10" fill="{COLORS[s]}"/></svg>')
            cells.append(f"{bar} {v:.0%}{best}")
        rows.append([e(n)] + cells)
    out.append(_table(["Personality", "United States", "China"], rows))
    out.append('<p class="note">Agreement: the share of turns on which the personality\'s rule, '
               "given the same public history, makes the side's actual choice (for rules with a "
               "coin, the chance that it does). The personality named is the likeliest; see "
               "docs/debrief.md.</p>")
    return "".join(out)


def counterfactual(r: dict) -> str:
    c = r.get("counterfactual")
    if not c:
        return ""
    out = ["<h2>Counterfactual</h2>",
           f"<p>The same seed replayed with <b>{e(c['bot'])}</b> in the seat of "
           f"{e(SIDE_NAME[c['side']])} (was {e(seat_text(c['replaced']))}).</p>"]
    for side, bot in c["stand_in"].items():
        out.append(f'<p class="note">{SIDE_TITLE[side]} was played by a person; in the replay '
                   f"it is stood in for by <b>{e(bot)}</b>, the personality its play looked most like.</p>")
    out.append(_table(["", "As played", f"With {e(c['bot'])}", "Difference"],
                      [[e(x) for x in row] for row in comparison_rows(c)], num_cols=(1, 2, 3)))
    return "".join(out)


def matrix(r: dict) -> str:
    m = r["matrix"]
    if not m["rows"]:
        return ""
    turns = "".join(f"<th>{x['turn']}</th>" for x in m["rows"])

    def row(side, label):
        cells = []
        for x in m["rows"]:
            did, seen = x[side], x[f"{side}_seen"]
            cls = did + (" seen" if seen != did else "")
            tip = f"did {did}, seen as {seen}"
            cells.append(f'<td class="{cls}" title="{tip}">{did}</td>')
        return f"<tr><th>{label}</th>{''.join(cells)}</tr>"

    out = ["<h2>Cooperate or compete, turn by turn</h2>",
           f'<table class="matrix"><thead><tr><th>Turn</th>{turns}</tr></thead><tbody>',
           row("us", "United States"), row("cn", "China"), "</tbody></table>",
           '<p class="note">C = cooperated, D = competed. An orange frame marks a turn the world '
           "saw otherwise (fog, blame, a false alarm).</p>"]
    c = m["counts"]
    out.append(_table(["", "China cooperates", "China competes"], [
        ["US cooperates", f"{c['CC']} · mutual cooperation", f"{c['CD']} · US exploited"],
        ["US competes", f"{c['DC']} · China exploited", f"{c['DD']} · head-on race"]]))
    return "".join(out)


def deals(r: dict) -> str:
    d = r["deals"]
    out = ["<h2>Deals kept and broken</h2>"]
    if not d["rows"]:
        return out[0] + "<p>No deal was signed.</p>"
    t = d["totals"]
    out.append(f"<p>{t['signed']} signed: {t['kept']} kept, {t['broken']} broken, "
               f"{t['collapsed']} collapsed on a false alarm, {t['active']} still in force. "
               f"Breaches: {t['breaches']} ({t['detected']} detected, "
               f"<span class='reveal'>{t['undetected']} never detected</span>); false alarms: "
               f"{t['false_alarms']}.</p>")
    rows = []
    for x in d["rows"]:
        ev = []
        for b in x["breaches"]:
            how = "detected" if b["detected"] else "<span class='reveal'>undetected, revealed now</span>"
            ev.append(f"turn {b['turn']}: {SIDE_TITLE[b['side']]} breached, {how}")
        for a in x["alarms"]:
            ev.append(f"turn {a['turn']}: false alarm against {SIDE_TITLE[a['side']]}")
        rows.append([e(x["name"]), SIDE_TITLE[x["proposer"]], f"{x['signed']}–{x['ends']}",
                     e(x["verification"].replace("_", " ")), e(x["status"]),
                     "<br>".join(ev) or "—"])
    out.append(_table(["Deal", "Proposed by", "Turns", "Verification", "Status",
                       "Breaches and alarms"], rows))
    return "".join(out)


def timeline(r: dict) -> str:
    out = ["<h2>Timeline</h2>"]
    for t in r["timeline"]:
        ev = t["event"]["name"] if t["event"] else "no news"
        pills = "".join(f' <span class="pill {t["posture"][s]}">{"US" if s == "us" else "CN"} '
                        f'{t["posture"][s]}</span>' for s in ("us", "cn") if s in t["posture"])
        out.append(f"<details><summary>Turn {t['turn']} · {e(t['date'])} · "
                   f"<span class='tag'>{e(ev)}</span>{pills}</summary>")
        items = []
        if t["event"]:
            items.append(f"<li><b>News: {e(t['event']['name'])}.</b> {e(t['event']['text'])}</li>")
        for inc in t["incidents"]:
            truth = ("<span class='reveal'>a false flag</span>" if inc["false_flag"]
                     else "genuine" if inc["false_flag"] is False else "not yet known")
            cleared = ", cleared at once by an open channel" if inc["clarified"] else ""
            items.append(f"<li>Incident #{inc['id']} ({e(inc['source'])}) blamed on "
                         f"{SIDE_TITLE[inc['blamed']]} with {inc['confidence']:.0%} confidence"
                         f"{cleared}; truth: {truth}.</li>")
        for x in t["responses"]:
            items.append(f"<li>{SIDE_TITLE[x['side']]} responded: {e(x['name'])} ({e(x['stance'])}).</li>")
        for o in t["offers"]:
            items.append(f"<li>Talks, round {o['round']}: {SIDE_TITLE[o['from']]} offered "
                         f"<b>{e(o['name'])}</b> ({o['duration']} turns, "
                         f"{e(o['verification'].replace('_', ' '))}): {e(o['status'])}.</li>")
        for m in t["messages"]:
            items.append(f"<li>{SIDE_TITLE[m['side']]} said: “{e(m['text'])}”</li>")
        for side in ("us", "cn"):
            cards = t["orders"].get(side) or []
            if t["complete"] or cards:
                played = ", ".join(f"{e(c['name'])} <span class='note'>({e(c['stance'])})</span>"
                                   for c in cards) or "nothing"
                items.append(f"<li>Orders, <span class='{side}'>{SIDE_TITLE[side]}</span>: {played}.</li>")
        for d in t["deal_events"]:
            if d["kind"] == "breach":
                how = "detected" if d["detected"] else "<span class='reveal'>not detected (revealed now)</span>"
                items.append(f"<li>{SIDE_TITLE[d['side']]} breached {e(d['name'])}: {how}.</li>")
            else:
                items.append(f"<li>False alarm: {SIDE_TITLE[d['side']]} accused under {e(d['name'])}.</li>")
        if t["posture"]:
            p, q = t["posture"], t["public"]
            items.append(f"<li>Postures: United States {p.get('us')} (seen as {q.get('us')}), "
                         f"China {p.get('cn')} (seen as {q.get('cn')}).</li>")
        for x in t["reasons"]:
            items.append(f"<li class='why'>{e(SIDE_TITLE.get(x['side'], x['side']))} "
                         f"({e(x['phase'])}): {e(x['why'])}</li>")
        out.append("<ul>" + "".join(items) + "</ul>")
        for phase in ("news", "talks", "resolution"):
            rows = [c for c in t["changes"] if c["phase"] == phase]
            if rows:
                out.append(f"<h3>{PHASE_TITLE[phase]}: results</h3><ul class='chg'>"
                           + "".join(f"<li>{e(c['text'])}</li>" for c in rows) + "</ul>")
        rest = [c for c in t["changes"] if c["phase"] not in PHASE_TITLE]
        if rest:
            out.append("<ul class='chg'>" + "".join(f"<li>{e(c['text'])}</li>" for c in rest) + "</ul>")
        out.append("</details>")
    return "".join(out)


def page(title: str, body: str, generated: str = "") -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>{body}"
            f"<p class='note'>New Yalta debrief · generated {e(generated)}</p></body></html>\n")


def render_html(r: dict) -> str:
    if r.get("format", "").endswith("-class"):
        return render_class_html(r)
    body = (header(r) + outcome(r) + fingerprint(r) + counterfactual(r) + charts(r) + matrix(r)
            + deals(r) + timeline(r))
    return page(f"New Yalta — after-action report ({r['setup']['scenario_name']})", body,
                r.get("generated_at", ""))


PALETTE = ("#2f6db5", "#c23b30", "#2e8b57", "#d9822b", "#6f4aa8", "#1b8a8f", "#9c6b1f",
           "#b0407a", "#4f5d75", "#7a9a01")


def render_class_html(r: dict) -> str:
    sc = r["scenario"]
    out = [f"<h1>Class debrief: {e(sc['scenario_name'])}</h1>",
           f"<p class='sub'>{len(r['tables'])} tables played {e(sc['pack'])}/{e(sc['scenario'])}</p>"]
    for n in r["notes"]:
        out.append(f"<p class='bad'>Note: {e(n)}.</p>")
    rows = []
    for t in r["tables"]:
        o = t["outcome"]
        fp = t["fingerprint"]
        ok = t.get("verification") or {}
        rows.append([e(t["label"]) + ("" if ok.get("ok", True) else " <span class='bad'>✘</span>"),
                     e(seat_text(t["seats"].get("us", "?"))), e(seat_text(t["seats"].get("cn", "?"))),
                     str(t["seed"]), e(o["ending_name"] or "in progress"), num(o["final"]["us"]),
                     num(o["final"]["cn"]), num(o["welfare"]), num(o["trust"]),
                     f"{o['cooperation']['us']:.0%} / {o['cooperation']['cn']:.0%}",
                     f"{t['deals']['kept']} / {t['deals']['broken']}",
                     e(fp.get("us", {}).get("bot", "—")) + " / " + e(fp.get("cn", {}).get("bot", "—"))])
    out.append(_table(["Table", "United States", "China", "Seed", "Ending", "Final US", "Final CN",
                       "Welfare", "Trust", "Cooperation US / CN", "Deals kept / broken",
                       "Played like US / CN"], rows, num_cols=(3, 5, 6, 7, 8)))
    m = r["mean"]
    out.append(f"<p>Class means: final score United States {num(m['final']['us'])}, China "
               f"{num(m['final']['cn'])}; welfare {num(m['welfare'])}; trust {num(m['trust'])}.</p>")
    out.append("<p>Endings: " + ", ".join(f"{e(k)} {v}" for k, v in r["endings"].items()) + ".</p>")
    series = [(t["label"], t["series"], PALETTE[i % len(PALETTE)]) for i, t in enumerate(r["tables"])
              if t["series"]]
    if series:
        xs = max((s["turn"] for _, s, _ in series), key=len)

        def lines(key):
            return [(lbl, list(s[key]) + [None] * (len(xs) - len(s[key])), c, False)
                    for lbl, s, c in series]

        out.append("<h2>Trust, tension and welfare by table</h2><div class='charts'>")
        out.append(line_chart("Trust", xs, lines("trust"), 0, 100))
        out.append(line_chart("Tension", xs, lines("tension"), 0, 100, ladder_bands()))
        out.append(line_chart("Global welfare", xs, lines("welfare")))
        out.append("</div>")
    rows = [[e(t["label"]), str(t["matrix"]["CC"]), str(t["matrix"]["CD"]), str(t["matrix"]["DC"]),
             str(t["matrix"]["DD"])] for t in r["tables"]]
    out.append("<h2>Matrix totals</h2>" + _table(
        ["Table", "Both cooperate", "US exploited", "China exploited", "Head-on race"], rows,
        num_cols=(1, 2, 3, 4)))
    return page(f"New Yalta — class debrief ({sc['scenario_name']})", "".join(out),
                r.get("generated_at", ""))
