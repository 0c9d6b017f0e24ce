"""Briefings: one side's situation, levers, risks and objectives in the scenario's own words,
for students to read before class (``yalta briefing --side us|cn``).

Everything comes from the content pack: the scenario's text and starting numbers, the side's
cards, the offers it can make or receive, the channels, the swing states, and the secret
objectives it may be dealt. The briefing is built as a list of blocks and rendered to
Markdown or to a self-contained HTML page.
"""

from __future__ import annotations

import html
from typing import Optional

from .content.loader import Pack
from .engine.state import LADDER, LADDER_FLOORS, RISKS, STATS
from .i18n import t
from .narrate import date_of, effect_line, ladder_name, phase_name

def w(key: str, lang: str, **fmt) -> str:
    """The briefing's own words (``briefing.*`` in the UI texts), in ``lang``."""
    return t(f"briefing.{key}", lang, **fmt)


def _lang_ui(lang: str) -> str:
    from .i18n import norm_lang

    return norm_lang(lang)


def blocks(pack: Pack, side: str, scenario_id: Optional[str] = None, lang: str = "en") -> list:
    """The briefing as blocks: ("h1"|"h2"|"h3"|"p", text), ("ul", [text]), ("table", head, rows)."""
    from .engine.api import Engine

    if side not in ("us", "cn"):
        raise ValueError("side is us or cn")
    sc = pack.scenario(scenario_id)
    ui = _lang_ui(lang)
    eng = Engine(pack, sc.id)
    r = sc.rules
    foe = "cn" if side == "us" else "us"
    side_title = t(f"side_title.{side}", ui)
    out: list = [("h1", w("title", ui, side=side_title) + " — " + sc.name.get(lang))]
    classic = eng.rules.classic
    if classic:
        out.append(("p", w("for_class_classic", ui, name=sc.name.get(lang), turns=sc.turns)))
    else:
        out.append(("p", w("for_class", ui, name=sc.name.get(lang), turns=sc.turns,
                           start=date_of(sc, 1, ui), end=date_of(sc, sc.turns, ui))))

    out.append(("h2", w("situation", ui)))
    out.append(("p", sc.text.get(lang)))
    if not classic:
        out.extend(_numbers(sc, side, foe, ui))
    if not classic:
        phases = ", ".join(phase_name(p, ui) for p in ("news", "talks", "orders", "resolution",
                                                        "assessment"))
        out.append(("h2", w("turn", ui)))
        out.append(("p", w("turn_text", ui, phases=phases, rounds=r.talk_rounds,
                           cap=r.capital_cap, cards=r.max_cards)))

    out.append(("h2", w("levers", ui, side=side_title)))
    cards = pack.actions_for(side)
    for stance in ("cooperative", "neutral", "competitive"):
        mine = [a for a in cards if a.stance == stance]
        if not mine:
            continue
        out.append(("h3", w(f"stance_{stance}", ui)))
        items = []
        for a in mine:
            fx = "; ".join(effect_line(e, pack, ui) for e in a.effects[:6])
            line = f"**{a.name.get(lang)}** ({w('cost', ui, n=a.cost)}): {a.text.get(lang)}"
            if fx:
                line += f" — _{fx}_"
            needs = [pack.channels[c].name.get(lang) for c in a.requires.channels_open
                     if c in pack.channels]
            if needs:
                line += f" [{w('needs', ui)}: {', '.join(needs)}]"
            items.append(line)
        out.append(("ul", items))

    if pack.offers:
        out.append(("h2", w("offers", ui)))
        out.append(("p", w("offers_text", ui)))
        items = []
        for o in pack.offers.values():
            ver = ", ".join(t(f"verification.{v}", ui) for v in o.terms.verification)
            line = (f"**{o.name.get(lang)}**: {o.text.get(lang)} "
                    f"{w('you_give', ui)}: {o.gives[side].text.get(lang)}; "
                    f"{w('they_give', ui)}: {o.gives[foe].text.get(lang)}. "
                    + w("terms", ui, durations="/".join(str(d) for d in o.terms.durations), ver=ver))
            items.append(line)
        out.append(("ul", items))

    if pack.channels:
        out.append(("h2", w("channels", ui)))
        items = []
        for cid, ch in pack.channels.items():
            start = sc.channels.get(cid)
            state = w("open", ui, n=start.strength) if start and start.open else w("closed", ui)
            items.append(f"**{ch.name.get(lang)}** ({state}): {ch.text.get(lang)}")
        out.append(("ul", items))

    if pack.swing_states:
        out.append(("h2", w("swing", ui)))
        items = []
        for sid, ss in pack.swing_states.items():
            lean = float(sc.swing.get(sid, ss.lean))
            where = (w("lean_us", ui, n=lean) if lean > 0 else w("lean_cn", ui, n=lean) if lean < 0
                     else w("lean_none", ui))
            items.append(f"**{ss.name.get(lang)}** ({where}): {ss.text.get(lang)}")
        out.append(("ul", items))

    if not classic:
        out.append(("h2", w("risks", ui)))
        out.append(("p", w("risks_text", ui, ladder=" → ".join(ladder_name(i, ui)
                                                                for i in range(len(LADDER))))))

    objs = [pack.objectives[o] for o in sc.objectives.get(side, []) if o in pack.objectives]
    if objs:
        out.append(("h2", w("objectives", ui)))
        out.append(("p", w("objectives_text", ui)))
        out.append(("ul", [f"**{o.name.get(lang)}** ({w('bonus', ui, n=o.bonus)}): {o.text.get(lang)}"
                           for o in objs]))

    if not classic:
        out.append(("h2", w("scoring", ui)))
        stats = ", ".join(t(f"stat.{k}", ui) for k in sc.scoring.national)
        out.append(("p", w("scoring_text", ui, stats=stats, wn=sc.scoring.final_national,
                           ww=sc.scoring.final_welfare)))
    return out


def _numbers(sc, side: str, foe: str, ui: str) -> list:
    out: list = [("h3", w("numbers", ui))]
    head = [""] + [t(f"side_title.{s}", ui) for s in (side, foe)]
    rows = [[t(f"stat.{k}", ui)] + [f"{getattr(sc.sides[s], k):g}" for s in (side, foe)]
            for k in STATS]
    out.append(("table", head, rows))
    out.append(("h3", w("shared", ui)))
    lvl = 0
    for i, floor in enumerate(LADDER_FLOORS):
        if sc.tension >= floor:
            lvl = i
    risks = ", ".join(f"{t(f'risk.{k}', ui)} {sc.risk.get(k, 0):g}" for k in RISKS)
    out.append(("ul", [w("trust", ui, n=sc.trust),
                       w("escalation", ui, name=ladder_name(lvl, ui), n=sc.tension),
                       w("risk_line", ui, parts=risks)]))
    return out


def to_markdown(bl: list) -> str:
    out = []
    for b in bl:
        kind = b[0]
        if kind in ("h1", "h2", "h3"):
            out.append("#" * int(kind[1]) + " " + b[1])
        elif kind == "p":
            out.append(b[1])
        elif kind == "ul":
            out.append("\n".join(f"- {x}" for x in b[1]))
        elif kind == "table":
            head, rows = b[1], b[2]
            lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
            lines += ["| " + " | ".join(r) + " |" for r in rows]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def _inline_html(text: str) -> str:
    """Escape, then the two bits of Markdown the briefing uses: **bold** and _italic_."""
    import re

    s = html.escape(text)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"(?<![\w])_(.+?)_(?![\w])", r"<em>\1</em>", s)
    return s


CSS = """body{font-family:system-ui,"Noto Sans TC","PingFang TC",sans-serif;max-width:52rem;
margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{font-size:1.6rem}
h2{border-bottom:1px solid #ccc;margin-top:2rem}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:right}td:first-child{text-align:left}
li{margin:.3rem 0}em{color:#555}@media print{body{margin:0}}"""


def to_html(bl: list, lang: str = "en") -> str:
    title = next((b[1] for b in bl if b[0] == "h1"), "Briefing")
    out = [f'<!doctype html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
           f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"]
    for b in bl:
        kind = b[0]
        if kind in ("h1", "h2", "h3"):
            out.append(f"<{kind}>{_inline_html(b[1])}</{kind}>")
        elif kind == "p":
            out.append(f"<p>{_inline_html(b[1])}</p>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{_inline_html(x)}</li>" for x in b[1]) + "</ul>")
        elif kind == "table":
            head, rows = b[1], b[2]
            out.append("<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>"
                       + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
                                 for r in rows) + "</table>")
    out.append("</body></html>\n")
    return "\n".join(out)


def briefing(pack: Pack, side: str, scenario_id: Optional[str] = None, lang: str = "en",
             fmt: str = "md") -> str:
    bl = blocks(pack, side, scenario_id, lang)
    return to_html(bl, lang) if fmt == "html" else to_markdown(bl)
