"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no scripts,
no fonts, images or links to fetch, so it opens offline and prints as it shows."""

from __future__ import annotations

import unicodedata
from html import escape

from .. import narrate
from ..i18n import t
from .model import side_name, side_title, tr
from .render_md import (bot_name, class_head, class_means, comparison_head, comparison_rows,
                        deal_totals, endings_line, incident_line, lang_of, matrix_counts,
                        matrix_totals_head, met_word, num, phase_word, seat_text, stance, status,
                        truth_word, verification, who)
from ..engine.state import LADDER_FLOORS

COLORS = {"us": "#2f6db5", "cn": "#c23b30", "trust": "#2e8b57", "tension": "#d9822b",
          "welfare": "#6f4aa8"}
CHANGE_PHASES = ("news", "talks", "resolution")
# CJK first in the list of fallbacks, so that Chinese renders wherever one is installed
FONTS = ('system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK TC", '
         '"Noto Sans CJK SC", "PingFang TC", "PingFang SC", "Microsoft JhengHei", '
         '"Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif')
# Simplified Chinese prefers the SC faces (the same characters are drawn differently)
FONTS_HANS = ('system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", '
              '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK TC", "PingFang TC", '
              '"Microsoft JhengHei", "WenQuanYi Zen Hei", sans-serif')

CSS = """
:root { --ink:#1d232b; --muted:#5b6573; --line:#d8dde3; --bg:#ffffff; --soft:#f4f6f8;
        --c:#2e8b57; --d:#c0392b; }
* { box-sizing: border-box; }
body { font: 15px/1.5 FONTS; color: var(--ink); background: var(--bg);
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
svg text { font: 11px FONTS; fill: #5b6573; }
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
html:lang(zh-Hans) body, html:lang(zh-Hans) svg text { font-family: FONTS_HANS; }
@media print { body { padding: 0; } details { break-inside: avoid; } }
""".replace("FONTS_HANS", FONTS_HANS).replace("FONTS", FONTS)


def e(x) -> str:
    return escape(str(x), quote=True)


def H(lang: str, key: str, **html) -> str:
    """A report text as HTML: the text itself escaped, its fields (already HTML) filled in."""
    template = e(tr(lang, key))
    try:
        return template.format(**html)
    except (KeyError, IndexError, ValueError):
        return template


def T(lang: str, key: str, **fmt) -> str:
    """A report text with plain fields, escaped."""
    return e(tr(lang, key, **fmt))


def cells(text: str) -> int:
    """How many columns a label takes (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# ---------------------------------------------------------------------------------------
# charts

def line_chart(title: str, xs: list, lines: list, lo=None, hi=None, bands=None,
               width: int = 520, height: int = 230, lang: str = "en") -> str:
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
                   f'{T(lang, "start") if x == 0 else x}</text>')
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
                           f'<title>{T(lang, "chart_tip", label=label, turn=x, v=v)}</title></circle>')
    lx = pad_l
    ly = height - 10
    for label, _, color, dashed in lines:
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 18}" y2="{ly - 4}" stroke="{color}" stroke-width="2.2"{dash}/>')
        out.append(f'<text x="{lx + 22}" y="{ly}">{e(label)}</text>')
        lx += 30 + 6.2 * cells(label)
    out.append("</svg>")
    return f"<figure><figcaption>{e(title)}</figcaption>{''.join(out)}</figure>"


def ladder_bands(lang: str = "en") -> list:
    floors = list(LADDER_FLOORS) + [101]
    return [(floors[i], floors[i + 1], narrate.ladder_name(i, lang))
            for i in range(len(LADDER_FLOORS))]


def charts(r: dict) -> str:
    lang = lang_of(r)
    se = r.get("series")
    if not se or len(se["turn"]) < 2:
        return ""
    cf = r.get("counterfactual")
    cs = cf["series"] if cf else None
    xs = se["turn"]
    bot = bot_name(cf["bot"], lang) if cf else ""

    def alt(label):
        return tr(lang, "legend_with", label=label, bot=bot)

    parts = []
    trust = [(tr(lang, "legend_trust"), se["trust"], COLORS["trust"], False)]
    if cs:
        trust += [(alt(tr(lang, "legend_trust")), cs["trust"], COLORS["trust"], True)]
    parts.append(_chart_xs(tr(lang, "trust_0_100"), xs, cs, trust, 0, 100, lang=lang))
    tension = [(tr(lang, "legend_tension"), se["tension"], COLORS["tension"], False)]
    if cs:
        tension += [(alt(tr(lang, "legend_tension")), cs["tension"], COLORS["tension"], True)]
    parts.append(_chart_xs(tr(lang, "chart_escalation"), xs, cs, tension, 0, 100,
                           ladder_bands(lang), lang=lang))
    welfare = [(tr(lang, "legend_welfare"), se["welfare"], COLORS["welfare"], False)]
    if cs:
        welfare += [(alt(tr(lang, "legend_welfare_short")), cs["welfare"], COLORS["welfare"], True)]
    parts.append(_chart_xs(tr(lang, "chart_welfare"), xs, cs, welfare, lang=lang))
    nat = [(side_title("us", lang), se["national"]["us"], COLORS["us"], False),
           (side_title("cn", lang), se["national"]["cn"], COLORS["cn"], False)]
    if cs:
        nat += [(alt(who("us", lang)), cs["national"]["us"], COLORS["us"], True),
                (alt(who("cn", lang)), cs["national"]["cn"], COLORS["cn"], True)]
    parts.append(_chart_xs(tr(lang, "chart_national"), xs, cs, nat, lang=lang))
    note = (f'<p class="note">{T(lang, "cf_dashed", bot=bot, side=side_name(cf["side"], lang))}'
            '</p>') if cf else ""
    return (f'<h2>{T(lang, "charts")}</h2><div class="charts">'
            + "".join(parts) + "</div>" + note)


def _chart_xs(title, xs, cs, lines, lo=None, hi=None, bands=None, lang: str = "en") -> str:
    """Lines may differ in length (a counterfactual that ended early): pad with None."""
    allx = xs if not cs or len(cs["turn"]) <= len(xs) else cs["turn"]
    padded = [(lbl, list(v) + [None] * (len(allx) - len(v)), c, d) for lbl, v, c, d in lines]
    return line_chart(title, allx, padded, lo, hi, bands, lang=lang)


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
    lang = lang_of(r)
    s, o = r["setup"], r["outcome"]
    out = [f"<h1>{T(lang, 'title', name=s['scenario_name'])}</h1>",
           '<p class="sub">' + T(lang, "sub", start=s["dates"][0], end=s["dates"][1], n=s["turns"],
                                  seed=s["seed"], fog=s["noise"])
           + (f" · {e(s['name'])}" if s.get("name") else "") + "</p>"]
    v = r.get("verification")
    if v:
        cls = "ok" if v["ok"] else "bad"
        mark = "✔ " + tr(lang, "verified") if v["ok"] else "✘ " + tr(lang, "not_verified")
        out.append(f'<p class="{cls}">{T(lang, "label", label=mark)} '
                   f'{T(lang, "sentence", text=v["text"])}</p>')
    if not o["over"]:
        out.append('<p class="bad">' + T(lang, "in_progress", turn=o["turn"],
                                         phase=phase_word(o["phase"], lang)) + "</p>")
    out.append(f"<h2>{T(lang, 'setup')}</h2>")
    ids = T(lang, "scenario_ids", scenario=s["scenario"], pack=s["pack"])
    rows = [[T(lang, "scenario"), f"{e(s['scenario_name'])} <span class='note'>{ids}</span>"],
            [T(lang, "period"), T(lang, "period_value", start=s["dates"][0], end=s["dates"][1], n=s["turns"])],
            [f'<span class="us">{e(side_title("us", lang))}</span>', e(seat_text(s["seats"].get("us", "?"), lang))],
            [f'<span class="cn">{e(side_title("cn", lang))}</span>', e(seat_text(s["seats"].get("cn", "?"), lang))]]
    off = [k for k, val in s["options"].items() if val is False]
    if off:
        rows.append([T(lang, "switched_off"), e(tr(lang, "list_sep").join(off))])
    for side in ("us", "cn"):
        ob = s["objectives"].get(side)
        if ob:
            rows.append([T(lang, "objective_of", side=side_title(side, lang)),
                         T(lang, "objective_value", name=ob["name"], met=met_word(ob["met"], lang),
                           bonus=ob["bonus"])])
    out.append(_table(["", ""], rows))
    if s.get("scenario_text"):
        out.append(f'<p class="note">{e(s["scenario_text"])}</p>')
    return "".join(out)


def outcome(r: dict) -> str:
    lang = lang_of(r)
    o = r["outcome"]
    out = [f"<h2>{T(lang, 'outcome')}</h2>"]
    if o["ending_name"]:
        out.append(f'<p><span class="ending">{T(lang, "sentence", text=o["ending_name"])}</span> '
                   f'{e(o["ending_text"])}</p>')
    cards = [(tr(lang, "final_of", side=who("us", lang)), num(o["final"]["us"]), "us"),
             (tr(lang, "final_of", side=who("cn", lang)), num(o["final"]["cn"]), "cn"),
             (tr(lang, "welfare"), num(o["welfare"]), ""), (tr(lang, "trust"), num(o["trust"]), ""),
             (tr(lang, "escalation"), e(o["escalation_name"]), "")]
    out.append('<div class="cards">' + "".join(
        f'<div class="card"><div class="k">{e(k)}</div><div class="v {c}">{v}</div></div>'
        for k, v, c in cards) + "</div>")
    out.append(_table(["", e(side_title("us", lang)), e(side_title("cn", lang))], [
        [T(lang, "national_score"), num(o["national"]["us"]), num(o["national"]["cn"])],
        [T(lang, "coop_turns"), f"{o['cooperation']['us']:.0%}", f"{o['cooperation']['cn']:.0%}"],
    ], num_cols=(1, 2)))
    risks = tr(lang, "list_sep").join(f"{t(f'risk.{k}', lang)} {num(v)}" for k, v in o["risk"].items())
    bold = {k: f"<b>{num(o[k])}</b>" for k in ("welfare", "trust", "tension")}
    out.append("<p>" + H(lang, "outcome_line", rung=e(o["escalation_name"]), risks=e(risks), **bold)
               + "</p>")
    return "".join(out)


def fingerprint(r: dict) -> str:
    lang = lang_of(r)
    f = r.get("fingerprint") or {}
    if not f:
        return ""
    out = [f"<h2>{T(lang, 'fp_title')}</h2><ul>"]
    out += [f"<li><b>{e(r['fingerprint_text'][s])}</b></li>" for s in ("us", "cn")]
    out.append("</ul>")
    rows = []
    for n in f["us"]["scores"]:
        row = []
        for s in ("us", "cn"):
            v = f[s]["scores"][n]
            best = " ◀" if f[s]["bot"] == n else ""
            bar = (f'<svg width="120" height="10"><rect width="120" height="10" fill="#eef1f4"/>'
                   f'<rect width="{120 * v:.0f}" height="10" fill="{COLORS[s]}"/></svg>')
            row.append(f"{bar} {v:.0%}{best}")
        rows.append([e(bot_name(n, lang))] + row)
    out.append(_table([T(lang, "personality_head"), e(side_title("us", lang)),
                       e(side_title("cn", lang))], rows))
    out.append(f'<p class="note">{T(lang, "fp_note_html")}</p>')
    return "".join(out)


def counterfactual(r: dict) -> str:
    lang = lang_of(r)
    c = r.get("counterfactual")
    if not c:
        return ""
    out = [f"<h2>{T(lang, 'cf_title')}</h2>",
           "<p>" + H(lang, "cf_intro", bot=f"<b>{e(bot_name(c['bot'], lang))}</b>",
                     side=e(side_name(c["side"], lang)), was=e(seat_text(c["replaced"], lang)))
           + "</p>"]
    for side, bot in c["stand_in"].items():
        out.append('<p class="note">' + H(lang, "cf_stand_in", side=e(side_title(side, lang)),
                                          bot=f"<b>{e(bot_name(bot, lang))}</b>") + "</p>")
    out.append(_table([e(x) for x in comparison_head(c, lang)],
                      [[e(x) for x in row] for row in comparison_rows(c, lang)], num_cols=(1, 2, 3)))
    return "".join(out)


def matrix(r: dict) -> str:
    lang = lang_of(r)
    m = r["matrix"]
    if not m["rows"]:
        return ""
    turns = "".join(f"<th>{x['turn']}</th>" for x in m["rows"])

    def row(side, label):
        tds = []
        for x in m["rows"]:
            did, seen = x[side], x[f"{side}_seen"]
            cls = did + (" seen" if seen != did else "")
            tip = T(lang, "matrix_tip", did=did, seen=seen)
            tds.append(f'<td class="{cls}" title="{tip}">{did}</td>')
        return f"<tr><th>{e(label)}</th>{''.join(tds)}</tr>"

    out = [f"<h2>{T(lang, 'matrix')}</h2>",
           f'<table class="matrix"><thead><tr><th>{T(lang, "turn")}</th>{turns}</tr></thead><tbody>',
           row("us", side_title("us", lang)), row("cn", side_title("cn", lang)), "</tbody></table>",
           f'<p class="note">{T(lang, "matrix_note_html")}</p>']
    head, rows = matrix_counts(m["counts"], lang)
    out.append(_table([e(x) for x in head], [[e(x) for x in row] for row in rows]))
    return "".join(out)


def deals(r: dict) -> str:
    lang = lang_of(r)
    d = r["deals"]
    out = [f"<h2>{T(lang, 'deals')}</h2>"]
    if not d["rows"]:
        return out[0] + f"<p>{T(lang, 'no_deals')}</p>"
    mark = "\x00U\x00"  # the breaches nobody saw, highlighted: what only the debrief reveals
    line = e(deal_totals(dict(d["totals"], undetected=mark), lang)).replace(
        mark, f"<span class='reveal'>{d['totals']['undetected']}</span>")
    out.append(f"<p>{line}</p>")
    rows = []
    for x in d["rows"]:
        ev = []
        for b in x["breaches"]:
            how = (T(lang, "detected") if b["detected"]
                   else f"<span class='reveal'>{T(lang, 'undetected_revealed')}</span>")
            ev.append(H(lang, "breach_event", turn=b["turn"], side=e(side_title(b["side"], lang)),
                        how=how))
        for a in x["alarms"]:
            ev.append(T(lang, "alarm_event", turn=a["turn"], side=side_title(a["side"], lang)))
        rows.append([e(x["name"]), e(side_title(x["proposer"], lang)), f"{x['signed']}–{x['ends']}",
                     e(verification(x["verification"], lang)), e(status(x["status"], lang)),
                     "<br>".join(ev) or "—"])
    out.append(_table([T(lang, k) for k in ("deal", "proposed_by", "turns", "verification",
                                            "status_head", "breaches_alarms")], rows))
    return "".join(out)


def timeline(r: dict) -> str:
    lang = lang_of(r)
    out = [f"<h2>{T(lang, 'timeline')}</h2>"]
    us, cn = side_title("us", lang), side_title("cn", lang)
    for x in r["timeline"]:
        ev = x["event"]["name"] if x["event"] else tr(lang, "no_news")
        pills = "".join(f' <span class="pill {x["posture"][s]}">{e(t(f"side_short.{s}", lang))} '
                        f'{x["posture"][s]}</span>' for s in ("us", "cn") if s in x["posture"])
        out.append(f"<details><summary>{T(lang, 'turn_n', turn=x['turn'])} · {e(x['date'])} · "
                   f"<span class='tag'>{e(ev)}</span>{pills}</summary>")
        items = []
        if x["event"]:
            items.append(f"<li><b>{T(lang, 'news', name=x['event']['name'])}</b> "
                         f"{e(x['event']['text'])}</li>")
        for inc in x["incidents"]:
            truth = (f"<span class='reveal'>{T(lang, 'truth_false_flag')}</span>"
                     if inc["false_flag"] else e(truth_word(inc, lang)))
            items.append("<li>" + _html_line(incident_line, inc, lang, truth, e(inc["source"]))
                         + "</li>")
        for y in x["responses"]:
            items.append("<li>" + T(lang, "responded", side=side_title(y["side"], lang),
                                    name=y["name"], stance=stance(y["stance"], lang)) + "</li>")
        for o in x["offers"]:
            items.append("<li>" + H(lang, "offered", round=o["round"],
                                    side=e(side_title(o["from"], lang)),
                                    name=f"<b>{e(o['name'])}</b>", n=o["duration"],
                                    v=e(verification(o["verification"], lang)),
                                    status=e(status(o["status"], lang))) + "</li>")
        for m in x["messages"]:
            items.append("<li>" + T(lang, "said", side=side_title(m["side"], lang), text=m["text"])
                         + "</li>")
        for side in ("us", "cn"):
            cards = x["orders"].get(side) or []
            if x["complete"] or cards:
                played = e(tr(lang, "list_sep")).join(
                    f"{e(c['name'])} <span class='note'>"
                    f"{T(lang, 'paren', text=stance(c['stance'], lang))}</span>"
                    for c in cards) or T(lang, "nothing")
                items.append("<li>" + H(lang, "orders_of", side=f"<span class='{side}'>"
                                        f"{e(side_title(side, lang))}</span>", cards=played) + "</li>")
        for d in x["deal_events"]:
            if d["kind"] == "breach":
                how = (T(lang, "detected") if d["detected"] else
                       f"<span class='reveal'>{T(lang, 'not_detected_revealed')}</span>")
                items.append("<li>" + H(lang, "breached", side=e(side_title(d["side"], lang)),
                                        name=e(d["name"]), how=how) + "</li>")
            else:
                items.append("<li>" + T(lang, "false_alarm", side=side_title(d["side"], lang),
                                        name=d["name"]) + "</li>")
        if x["posture"]:
            p, q = x["posture"], x["public"]
            items.append("<li>" + T(lang, "postures", us=us, cn=cn, us_did=p.get("us"),
                                    us_seen=q.get("us"), cn_did=p.get("cn"), cn_seen=q.get("cn"))
                         + "</li>")
        for y in x["reasons"]:
            items.append("<li class='why'>" + T(lang, "why", side=side_title(y["side"], lang),
                                                phase=phase_word(y["phase"], lang), why=y["why"])
                         + "</li>")
        out.append("<ul>" + "".join(items) + "</ul>")
        for phase in CHANGE_PHASES:
            rows = [c for c in x["changes"] if c["phase"] == phase]
            if rows:
                out.append(f"<h3>{T(lang, 'phase_results', phase=narrate.phase_name(phase, lang))}"
                           "</h3><ul class='chg'>"
                           + "".join(f"<li>{e(c['text'])}</li>" for c in rows) + "</ul>")
        rest = [c for c in x["changes"] if c["phase"] not in CHANGE_PHASES]
        if rest:
            out.append("<ul class='chg'>" + "".join(f"<li>{e(c['text'])}</li>" for c in rest) + "</ul>")
        out.append("</details>")
    return "".join(out)


def _html_line(fn, inc, lang, truth_html, source_html) -> str:
    """``incident_line`` with HTML fields: the template is escaped, the fields are not."""
    marker_t, marker_s = "\x00T\x00", "\x00S\x00"
    return e(fn(inc, lang, marker_t, marker_s)).replace(marker_t, truth_html).replace(
        marker_s, source_html)


def page(title: str, body: str, generated: str = "", lang: str = "en") -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"{e(lang)}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>{body}"
            f"<p class='note'>{T(lang, 'generated', when=generated)}</p></body></html>\n")


def render_html(r: dict) -> str:
    if r.get("format", "").endswith("-class"):
        return render_class_html(r)
    lang = lang_of(r)
    body = (header(r) + outcome(r) + fingerprint(r) + counterfactual(r) + charts(r) + matrix(r)
            + deals(r) + timeline(r))
    return page(tr(lang, "page_title", name=r["setup"]["scenario_name"]), body,
                r.get("generated_at", ""), lang)


PALETTE = ("#2f6db5", "#c23b30", "#2e8b57", "#d9822b", "#6f4aa8", "#1b8a8f", "#9c6b1f",
           "#b0407a", "#4f5d75", "#7a9a01")


def render_class_html(r: dict) -> str:
    lang = lang_of(r)
    sc = r["scenario"]
    out = [f"<h1>{T(lang, 'class_title', name=sc['scenario_name'])}</h1>",
           "<p class='sub'>" + T(lang, "class_tables", n=len(r["tables"]),
                                 played=f"{sc['pack']}/{sc['scenario']}") + "</p>"]
    for n in r["notes"]:
        out.append(f"<p class='bad'>{T(lang, 'note_head')} {T(lang, 'sentence', text=n)}</p>")
    rows = []
    for x in r["tables"]:
        o = x["outcome"]
        fp = x["fingerprint"]
        ok = x.get("verification") or {}
        rows.append([e(x["label"]) + ("" if ok.get("ok", True) else " <span class='bad'>✘</span>"),
                     e(seat_text(x["seats"].get("us", "?"), lang)),
                     e(seat_text(x["seats"].get("cn", "?"), lang)),
                     str(x["seed"]), e(o["ending_name"] or tr(lang, "in_progress_short")),
                     num(o["final"]["us"]), num(o["final"]["cn"]), num(o["welfare"]), num(o["trust"]),
                     f"{o['cooperation']['us']:.0%} / {o['cooperation']['cn']:.0%}",
                     f"{x['deals']['kept']} / {x['deals']['broken']}",
                     e(bot_name(fp.get("us", {}).get("bot", "—"), lang)) + " / "
                     + e(bot_name(fp.get("cn", {}).get("bot", "—"), lang))])
    out.append(_table([e(h) for h in class_head(lang)], rows, num_cols=(3, 5, 6, 7, 8)))
    out.append(f"<p>{e(class_means(r['mean'], lang))}</p>")
    out.append(f"<p>{endings_line(r['endings'], lang, escape=e)}</p>")
    series = [(x["label"], x["series"], PALETTE[i % len(PALETTE)]) for i, x in enumerate(r["tables"])
              if x["series"]]
    if series:
        xs = max((s["turn"] for _, s, _ in series), key=len)

        def lines(key):
            return [(lbl, list(s[key]) + [None] * (len(xs) - len(s[key])), c, False)
                    for lbl, s, c in series]

        out.append(f"<h2>{T(lang, 'class_charts_html')}</h2><div class='charts'>")
        out.append(line_chart(tr(lang, "trust"), xs, lines("trust"), 0, 100, lang=lang))
        out.append(line_chart(tr(lang, "tension"), xs, lines("tension"), 0, 100,
                              ladder_bands(lang), lang=lang))
        out.append(line_chart(tr(lang, "welfare"), xs, lines("welfare"), lang=lang))
        out.append("</div>")
    rows = [[e(x["label"]), str(x["matrix"]["CC"]), str(x["matrix"]["CD"]), str(x["matrix"]["DC"]),
             str(x["matrix"]["DD"])] for x in r["tables"]]
    out.append(f"<h2>{T(lang, 'matrix_totals')}</h2>" + _table(
        [e(h) for h in matrix_totals_head(lang)], rows, num_cols=(1, 2, 3, 4)))
    return page(tr(lang, "class_page_title", name=sc["scenario_name"]), "".join(out),
                r.get("generated_at", ""), lang)
