"""The report as plain GitHub-flavoured Markdown: headings, lists and pipe tables, no HTML
(a code-hosting site renders it as written). Charts become per-turn tables with a
sparkline of block characters.

Every label is in the report's language (``report["lang"]``): ``report.*`` texts of
``game/ui_texts.yaml``."""

from __future__ import annotations

import re

from .. import narrate
from ..i18n import bot_label, norm_lang, t
from .model import side_name, side_title, tr

SPARK = "▁▂▃▄▅▆▇█"
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


# ---------------------------------------------------------------------------------------
# words shared by the Markdown and HTML forms (and the counterfactual command)

def lang_of(r: dict) -> str:
    return norm_lang(r.get("lang") or "en")


def bot_name(name: str, lang: str = "en") -> str:
    """A bot as a table shows it: its id in English, its name in Chinese."""
    if not name or name == "—":
        return name
    return name if norm_lang(lang) == "en" else bot_label(name, lang)


def seat_text(seat: str, lang: str = "en") -> str:
    if seat.startswith("bot:"):
        return tr(lang, "seat_bot", bot=bot_name(seat[4:], lang))
    if seat == "human":
        return tr(lang, "seat_human")
    return seat


def who(side: str, lang: str = "en") -> str:
    """US / China in a table's row label."""
    return tr(lang, f"who.{side}") if side in ("us", "cn") else str(side)


def phase_word(phase: str, lang: str = "en") -> str:
    return phase if norm_lang(lang) == "en" else narrate.phase_name(phase, lang)


def stance(s: str, lang: str = "en") -> str:
    text = t(f"game.stance_{s}", lang)
    return s if text.startswith("game.") else text


def verification(v: str, lang: str = "en") -> str:
    if norm_lang(lang) == "en":
        return v.replace("_", " ")
    text = t(f"verification.{v}", lang)
    return v.replace("_", " ") if text.startswith("verification.") else text


def status(s: str, lang: str = "en") -> str:
    """A deal's or an offer's status word."""
    text = tr(lang, f"status.{s}")
    return s if text.startswith("report.") else text


def met_word(met, lang: str = "en") -> str:
    return t("end.met", lang) if met else t("end.not_met", lang)


def ending_of(ending, lang: str = "en") -> str:
    return narrate.ending_name(ending, lang) if ending and ending != "in_progress" else tr(
        lang, "in_progress_short")


# ---------------------------------------------------------------------------------------
# sections

def _setup(r: dict, lang: str) -> list[str]:
    s, o = r["setup"], r["outcome"]
    out = [f"# {tr(lang, 'title', name=esc(s['scenario_name']))}", ""]
    if s.get("name"):
        out += [f"*{esc(s['name'])}*", ""]
    out += [f"## {tr(lang, 'setup')}", ""]
    rows = [
        [tr(lang, "scenario"), esc(s["scenario_name"]) + " " + tr(
            lang, "scenario_ids", scenario=f"`{s['scenario']}`", pack=f"`{s['pack']}`")],
        [tr(lang, "period"), tr(lang, "period_value", start=s["dates"][0], end=s["dates"][1],
                                n=s["turns"])],
        [side_title("us", lang), esc(seat_text(s["seats"].get("us", "?"), lang))],
        [side_title("cn", lang), esc(seat_text(s["seats"].get("cn", "?"), lang))],
        [tr(lang, "seed"), f"`{s['seed']}`"],
        [tr(lang, "fog"), f"{s['noise']:.0%}"],
    ]
    off = [k for k, v in s["options"].items() if v is False]
    if off:
        rows.append([tr(lang, "switched_off"), tr(lang, "list_sep").join(off)])
    for side in ("us", "cn"):
        ob = s["objectives"].get(side)
        if ob:
            rows.append([tr(lang, "objective_of", side=side_title(side, lang)),
                         tr(lang, "objective_value", name=esc(ob["name"]),
                            met=met_word(ob["met"], lang), bonus=ob["bonus"])])
    out += table(["", ""], rows) + [""]
    if s.get("scenario_text"):
        out += [f"> {esc(s['scenario_text'])}", ""]
    v = r.get("verification")
    if v:
        mark = tr(lang, "verified") if v["ok"] else tr(lang, "not_verified")
        out += [f"**{tr(lang, 'label', label=mark)}** {esc(tr(lang, 'sentence', text=v['text']))}",
                ""]
    if not o["over"]:
        out += [f"**{tr(lang, 'in_progress', turn=o['turn'], phase=phase_word(o['phase'], lang))}**",
                ""]
    return out


def _outcome(r: dict, lang: str) -> list[str]:
    o = r["outcome"]
    out = [f"## {tr(lang, 'outcome')}", ""]
    if o["ending_name"]:
        out += [f"**{esc(tr(lang, 'sentence', text=o['ending_name']))}** {esc(o['ending_text'])}",
                ""]
    rows = [
        [tr(lang, "final_score"), num(o["final"]["us"]), num(o["final"]["cn"])],
        [tr(lang, "national_score"), num(o["national"]["us"]), num(o["national"]["cn"])],
        [tr(lang, "coop_turns"), f"{o['cooperation']['us']:.0%}", f"{o['cooperation']['cn']:.0%}"],
    ]
    out += table(["", side_title("us", lang), side_title("cn", lang)], rows, ["l", "r", "r"]) + [""]
    risks = tr(lang, "list_sep").join(f"{t(f'risk.{k}', lang)} {num(v)}" for k, v in o["risk"].items())
    out += [tr(lang, "outcome_line", welfare=f"**{num(o['welfare'])}**",
               trust=f"**{num(o['trust'])}**", tension=f"**{num(o['tension'])}**",
               rung=esc(o["escalation_name"]), risks=risks), ""]
    return out


def _charts(r: dict, lang: str) -> list[str]:
    se = r.get("series")
    if not se or len(se["turn"]) < 2:
        return []
    out = [f"## {tr(lang, 'charts')}", ""]
    lines = [
        [tr(lang, "trust_0_100"), se["trust"], 0, 100],
        [tr(lang, "tension_0_100"), se["tension"], 0, 100],
        [tr(lang, "welfare"), se["welfare"], None, None],
        [tr(lang, "national_of", side=side_title("us", lang)), se["national"]["us"], None, None],
        [tr(lang, "national_of", side=side_title("cn", lang)), se["national"]["cn"], None, None],
    ]
    rows = [[name, f"`{spark(vals, lo, hi)}`", num(vals[0]), num(vals[-1])]
            for name, vals, lo, hi in lines]
    out += table(["", tr(lang, "turn_by_turn"), tr(lang, "start"), tr(lang, "end")], rows,
                 ["l", "l", "r", "r"]) + [""]
    head = [tr(lang, "turn"), tr(lang, "trust"), tr(lang, "tension"), tr(lang, "rung"),
            tr(lang, "welfare_short"), tr(lang, "national_short", side=t("side_short.us", lang)),
            tr(lang, "national_short", side=t("side_short.cn", lang))]
    body = []
    for i, x in enumerate(se["turn"]):
        body.append([str(x) if x else tr(lang, "start"), num(se["trust"][i]), num(se["tension"][i]),
                     esc(narrate.ladder_name(se["level"][i], lang)), num(se["welfare"][i]),
                     num(se["national"]["us"][i]), num(se["national"]["cn"][i])])
    out += table(head, body, ["r", "r", "r", "l", "r", "r", "r"]) + [""]
    return out


def matrix_counts(c: dict, lang: str) -> tuple[list, list]:
    """The 2×2 of postures: head and rows (cells are 'n · what')."""
    head = ["", tr(lang, "cn_cooperates"), tr(lang, "cn_competes")]
    rows = [[tr(lang, "us_cooperates"), tr(lang, "cell", n=c["CC"], what=tr(lang, "mutual")),
             tr(lang, "cell", n=c["CD"], what=tr(lang, "us_exploited"))],
            [tr(lang, "us_competes"), tr(lang, "cell", n=c["DC"], what=tr(lang, "cn_exploited")),
             tr(lang, "cell", n=c["DD"], what=tr(lang, "head_on"))]]
    return head, rows


def _matrix(r: dict, lang: str) -> list[str]:
    m = r["matrix"]
    if not m["rows"]:
        return []
    out = [f"## {tr(lang, 'matrix')}", "", tr(lang, "matrix_note_md"), ""]
    rows = []
    for x in m["rows"]:
        note = tr(lang, "list_sep").join(tr(lang, "misread", side=side_title(s, lang))
                                         for s in x["misread"])
        rows.append([str(x["turn"]), x["us"], x["cn"], x["us_seen"], x["cn_seen"], note])
    out += table([tr(lang, "turn"), who("us", lang), who("cn", lang),
                  tr(lang, "seen_as", side=who("us", lang)), tr(lang, "seen_as", side=who("cn", lang)),
                  ""], rows, ["r", "c", "c", "c", "c", "l"]) + [""]
    head, rows = matrix_counts(m["counts"], lang)
    out += table(head, rows, ["l", "r", "r"]) + [""]
    return out


def deal_totals(d: dict, lang: str) -> str:
    gap = " " if lang == "en" else ""  # Chinese sentences follow one another without a space
    return tr(lang, "deals_totals", **d) + gap + tr(lang, "deals_breaches", **d)


def _deals(r: dict, lang: str) -> list[str]:
    d = r["deals"]
    out = [f"## {tr(lang, 'deals')}", ""]
    if not d["rows"]:
        return out + [tr(lang, "no_deals"), ""]
    out += [deal_totals(d["totals"], lang), ""]
    rows = []
    for x in d["rows"]:
        events = []
        for b in x["breaches"]:
            how = tr(lang, "detected") if b["detected"] else f"**{tr(lang, 'undetected_revealed')}**"
            events.append(tr(lang, "breach_event", turn=b["turn"],
                             side=esc(side_title(b["side"], lang)), how=how))
        for a in x["alarms"]:
            events.append(tr(lang, "alarm_event", turn=a["turn"],
                             side=esc(side_title(a["side"], lang))))
        rows.append([esc(x["name"]), side_title(x["proposer"], lang), f"{x['signed']}–{x['ends']}",
                     verification(x["verification"], lang), status(x["status"], lang),
                     tr(lang, "event_sep").join(events) if events else "—"])
    out += table([tr(lang, "deal"), tr(lang, "proposed_by"), tr(lang, "turns"),
                  tr(lang, "verification"), tr(lang, "status_head"), tr(lang, "breaches_alarms")],
                 rows) + [""]
    return out


def _fingerprint(r: dict, lang: str) -> list[str]:
    f = r.get("fingerprint") or {}
    if not f:
        return []
    out = [f"## {tr(lang, 'fp_title')}", ""]
    for side in ("us", "cn"):
        out.append(f"- {esc(r['fingerprint_text'][side])}")
    out.append("")
    names = list(f["us"]["scores"])
    rows = [[bot_name(n, lang), f"{f['us']['scores'][n]:.0%}", f"{f['cn']['scores'][n]:.0%}"]
            for n in names]
    out += table([tr(lang, "personality_head"), side_title("us", lang), side_title("cn", lang)],
                 rows, ["l", "r", "r"]) + [""]
    out += [tr(lang, "fp_note_md"), ""]
    return out


def _counterfactual(r: dict, lang: str) -> list[str]:
    c = r.get("counterfactual")
    if not c:
        return []
    out = [f"## {tr(lang, 'cf_title')}", "",
           tr(lang, "cf_intro", bot=f"**{esc(bot_name(c['bot'], lang))}**",
              side=side_name(c["side"], lang), was=esc(seat_text(c["replaced"], lang)))]
    for side, bot in c["stand_in"].items():
        out.append(tr(lang, "cf_stand_in", side=side_title(side, lang),
                      bot=f"**{esc(bot_name(bot, lang))}**"))
    out.append("")
    out += comparison_table(c, lang)
    out.append("")
    return out


def comparison_head(c: dict, lang: str = "en") -> list[str]:
    return ["", tr(lang, "as_played"), tr(lang, "with_bot", bot=bot_name(c["bot"], lang)),
            tr(lang, "difference")]


def comparison_rows(c: dict, lang: str = "en") -> list[list[str]]:
    a, b = c["original"], c["counterfactual"]

    def end(x):
        return narrate.ending_name(x["ending"], lang) if x["ending"] else tr(lang, "in_progress_short")

    us, cn = who("us", lang), who("cn", lang)
    rows = [
        [tr(lang, "ending"), end(a), end(b), ""],
        [tr(lang, "final_of", side=us), num(a["final"]["us"]), num(b["final"]["us"]),
         signed(b["final"]["us"] - a["final"]["us"])],
        [tr(lang, "final_of", side=cn), num(a["final"]["cn"]), num(b["final"]["cn"]),
         signed(b["final"]["cn"] - a["final"]["cn"])],
        [tr(lang, "national_of", side=us), num(a["national"]["us"]), num(b["national"]["us"]),
         signed(b["national"]["us"] - a["national"]["us"])],
        [tr(lang, "national_of", side=cn), num(a["national"]["cn"]), num(b["national"]["cn"]),
         signed(b["national"]["cn"] - a["national"]["cn"])],
        [tr(lang, "welfare"), num(a["welfare"]), num(b["welfare"]), signed(b["welfare"] - a["welfare"])],
        [tr(lang, "trust"), num(a["trust"]), num(b["trust"]), signed(b["trust"] - a["trust"])],
        [tr(lang, "tension"), num(a["tension"]), num(b["tension"]), signed(b["tension"] - a["tension"])],
        [tr(lang, "coop_of", side=us), f"{a['cooperation']['us']:.0%}", f"{b['cooperation']['us']:.0%}", ""],
        [tr(lang, "coop_of", side=cn), f"{a['cooperation']['cn']:.0%}", f"{b['cooperation']['cn']:.0%}", ""],
        [tr(lang, "kept_broken"), f"{a['deals']['kept']} / {a['deals']['broken']}",
         f"{b['deals']['kept']} / {b['deals']['broken']}", ""],
    ]
    return rows


def comparison_table(c: dict, lang: str = "en") -> list[str]:
    return table([esc(x) for x in comparison_head(c, lang)],
                 [[esc(x) for x in row] for row in comparison_rows(c, lang)], ["l", "r", "r", "r"])


def incident_line(inc: dict, lang: str, truth: str, source: str) -> str:
    cleared = tr(lang, "cleared") if inc["clarified"] else ""
    return tr(lang, "incident", id=inc["id"], source=source,
              side=side_title(inc["blamed"], lang), conf=inc["confidence"], cleared=cleared,
              truth=truth)


def truth_word(inc: dict, lang: str) -> str:
    return (tr(lang, "truth_false_flag") if inc["false_flag"] else tr(lang, "truth_genuine")
            if inc["false_flag"] is False else tr(lang, "truth_unknown"))


def _timeline(r: dict, lang: str) -> list[str]:
    out = [f"## {tr(lang, 'timeline')}", ""]
    us, cn = side_title("us", lang), side_title("cn", lang)
    for x in r["timeline"]:
        out += [f"### {tr(lang, 'turn_date', turn=x['turn'], date=x['date'])}", ""]
        if x["event"]:
            out.append(f"**{esc(tr(lang, 'news', name=x['event']['name']))}** "
                       f"{esc(x['event']['text'])}")
            out.append("")
        for inc in x["incidents"]:
            out.append("- " + incident_line(inc, lang, truth_word(inc, lang), esc(inc["source"])))
        for y in x["responses"]:
            out.append("- " + tr(lang, "responded", side=side_title(y["side"], lang),
                                 name=esc(y["name"]), stance=stance(y["stance"], lang)))
        for o in x["offers"]:
            out.append("- " + tr(lang, "offered", round=o["round"], side=side_title(o["from"], lang),
                                 name=esc(o["name"]), n=o["duration"],
                                 v=verification(o["verification"], lang),
                                 status=status(o["status"], lang)))
        for m in x["messages"]:
            out.append("- " + tr(lang, "said", side=side_title(m["side"], lang), text=esc(m["text"])))
        for side in ("us", "cn"):
            cards = x["orders"].get(side) or []
            if x["complete"] or cards:
                played = tr(lang, "list_sep").join(
                    tr(lang, "card_stance", name=esc(c["name"]), stance=stance(c["stance"], lang))
                    for c in cards) or tr(lang, "nothing")
                out.append("- " + tr(lang, "orders_of", side=side_title(side, lang), cards=played))
        for d in x["deal_events"]:
            if d["kind"] == "breach":
                how = tr(lang, "detected") if d["detected"] else tr(lang, "not_detected_revealed")
                out.append("- " + tr(lang, "breached", side=side_title(d["side"], lang),
                                     name=esc(d["name"]), how=how))
            else:
                out.append("- " + tr(lang, "false_alarm", side=side_title(d["side"], lang),
                                     name=esc(d["name"])))
        if x["posture"]:
            p, q = x["posture"], x["public"]
            out.append("- " + tr(lang, "postures", us=us, cn=cn, us_did=p.get("us"),
                                 us_seen=q.get("us"), cn_did=p.get("cn"), cn_seen=q.get("cn")))
        for y in x["reasons"]:
            out.append("- " + tr(lang, "why", side=side_title(y["side"], lang),
                                 phase=phase_word(y["phase"], lang), why=esc(y["why"])))
        out.append("")
        if x["changes"]:
            out.append(tr(lang, "results"))
            out.append("")
            for phase in ("news", "talks", "resolution"):
                rows = [c for c in x["changes"] if c["phase"] == phase]
                if rows:
                    out.append(f"- *{narrate.phase_name(phase, lang)}*")
                    out += [f"  - {esc(c['text'])}" for c in rows]
            other = [c for c in x["changes"] if c["phase"] not in ("news", "talks", "resolution")]
            out += [f"- {esc(c['text'])}" for c in other]
            out.append("")
    return out


def render_md(r: dict) -> str:
    if r.get("format", "").endswith("-class"):
        return render_class_md(r)
    lang = lang_of(r)
    parts = (_setup(r, lang) + _outcome(r, lang) + _fingerprint(r, lang) + _counterfactual(r, lang)
             + _charts(r, lang) + _matrix(r, lang) + _deals(r, lang) + _timeline(r, lang))
    return "\n".join(parts).rstrip() + "\n"


def class_head(lang: str) -> list[str]:
    us, cn = t("side_short.us", lang), t("side_short.cn", lang)
    return [tr(lang, "table"), side_title("us", lang), side_title("cn", lang), tr(lang, "seed"),
            tr(lang, "ending"), tr(lang, "final_short", side=us), tr(lang, "final_short", side=cn),
            tr(lang, "welfare_short"), tr(lang, "trust"), tr(lang, "coop_us_cn"),
            tr(lang, "kept_broken"), tr(lang, "played_like_us_cn")]


def class_means(m: dict, lang: str) -> str:
    return tr(lang, "class_means", us=num(m["final"]["us"]), cn=num(m["final"]["cn"]),
              welfare=num(m["welfare"]), trust=num(m["trust"]), coop_us=m["cooperation"]["us"],
              coop_cn=m["cooperation"]["cn"])


def endings_line(endings: dict, lang: str, escape=esc) -> str:
    return tr(lang, "endings_line", list=tr(lang, "list_sep").join(
        f"{escape(ending_of(k, lang))} {v}" for k, v in endings.items()))


def matrix_totals_head(lang: str) -> list[str]:
    return [tr(lang, "table"), tr(lang, "both_cooperate"), tr(lang, "us_exploited"),
            tr(lang, "cn_exploited"), tr(lang, "head_on_cap")]


def render_class_md(r: dict) -> str:
    lang = lang_of(r)
    sc = r["scenario"]
    out = [f"# {tr(lang, 'class_title', name=esc(sc['scenario_name']))}", "",
           tr(lang, "class_tables", n=len(r["tables"]), played=f"`{sc['pack']}/{sc['scenario']}`"), ""]
    for n in r["notes"]:
        out += [f"**{tr(lang, 'note_head')}** {esc(tr(lang, 'sentence', text=n))}", ""]
    rows = []
    for x in r["tables"]:
        o = x["outcome"]
        rows.append([esc(x["label"]), esc(seat_text(x["seats"].get("us", "?"), lang)),
                     esc(seat_text(x["seats"].get("cn", "?"), lang)), str(x["seed"]),
                     esc(o["ending_name"] or tr(lang, "in_progress_short")), num(o["final"]["us"]),
                     num(o["final"]["cn"]), num(o["welfare"]), num(o["trust"]),
                     f"{o['cooperation']['us']:.0%} / {o['cooperation']['cn']:.0%}",
                     f"{x['deals']['kept']} / {x['deals']['broken']}",
                     esc(bot_name(x["fingerprint"].get("us", {}).get("bot", "—"), lang)) + " / "
                     + esc(bot_name(x["fingerprint"].get("cn", {}).get("bot", "—"), lang))])
    out += table(class_head(lang), rows,
                 ["l", "l", "l", "r", "l", "r", "r", "r", "r", "r", "r", "l"]) + [""]
    out += [class_means(r["mean"], lang), ""]
    out += [endings_line(r["endings"], lang), ""]
    out += [f"## {tr(lang, 'class_charts_md')}", ""]
    rows = []
    for x in r["tables"]:
        se = x["series"]
        if se:
            rows.append([esc(x["label"]), f"`{spark(se['trust'], 0, 100)}`",
                         f"`{spark(se['welfare'])}`", f"`{spark(se['tension'], 0, 100)}`"])
    out += table([tr(lang, "table"), tr(lang, "trust"), tr(lang, "welfare_short"),
                  tr(lang, "tension")], rows) + [""]
    out += [f"## {tr(lang, 'matrix_totals')}", ""]
    rows = [[esc(x["label"]), str(x["matrix"]["CC"]), str(x["matrix"]["CD"]),
             str(x["matrix"]["DC"]), str(x["matrix"]["DD"])] for x in r["tables"]]
    out += table(matrix_totals_head(lang), rows, ["l", "r", "r", "r", "r"]) + [""]
    return "\n".join(out).rstrip() + "\n"
