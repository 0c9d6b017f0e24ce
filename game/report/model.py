"""The after-action report as one plain dict, built from a save.

Every renderer (Markdown, HTML, JSON) reads this dict and nothing else, so the three forms
carry the same content. It is plain JSON data: numbers, strings, lists and dicts.

The report is written after the game: once the game is over it reveals what the players
could not see (undetected breaches, the truth behind attributed incidents, both secret
objectives). For a game still in progress those stay hidden, as the game's own views keep
them, and the report says so.
"""

from __future__ import annotations

import time
from typing import Optional

from ..sim import outcome_numbers
from .. import narrate
from ..engine.state import SIDES, STATS, GameState
from ..i18n import bot_label, norm_lang, t
from . import fingerprint as fp

FORMAT = "new-yalta-report"
VERSION = 1
SIDE_NAME = {"us": "the United States", "cn": "China"}
SIDE_TITLE = {"us": "United States", "cn": "China"}


def tr(lang: str, key: str, **fmt) -> str:
    """A text of the report (``report.KEY`` in ui_texts.yaml) in ``lang``."""
    return t(f"report.{key}", lang, **fmt)


def side_name(side: str, lang: str = "en") -> str:
    """"the United States" / 美國, as in a sentence."""
    return t(f"side.{side}", lang) if side in SIDES else str(side)


def side_title(side: str, lang: str = "en") -> str:
    """"United States" / 美國, as in a heading or a table."""
    return t(f"side_title.{side}", lang) if side in SIDES else str(side)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name(table: dict, key, lang: str = "en") -> str:
    e = table.get(key) if table else None
    return e.name.get(lang) if e is not None else str(key)


def _text(table: dict, key, lang: str = "en") -> str:
    e = table.get(key) if table else None
    return e.text.get(lang) if e is not None and getattr(e, "text", None) else ""


def series_of(st: GameState, engine) -> dict:
    """Chart data: index 0 is the start of the game, then the end of every finished turn."""
    sc = engine.scenario
    out = {"turn": [0], "trust": [float(sc.trust)], "tension": [float(sc.tension)],
           "welfare": [0.0], "level": [_level(float(sc.tension))],
           "national": {s: [0.0] for s in SIDES}}
    for h in st.history:
        snap = h.snapshot
        out["turn"].append(h.turn)
        out["trust"].append(snap.get("trust", 0.0))
        out["tension"].append(snap.get("tension", 0.0))
        out["welfare"].append(snap.get("welfare", 0.0))
        out["level"].append(snap.get("level", 0))
        for side in SIDES:
            out["national"][side].append(snap.get(side, {}).get("national", 0.0))
    return out


def _level(tension: float) -> int:
    from ..engine.state import ladder_level

    return ladder_level(tension)


def _reasons(doc: dict, pack=None, lang: str = "en") -> dict:
    """turn -> [{phase, round, side, why}] from the save's bot reasons, in ``lang`` where the
    bot gave its reason as data."""
    from ..bots.speech import reason_text

    out: dict = {}
    for r in doc.get("reasons") or []:
        if not isinstance(r, list) or len(r) < 4:
            continue
        if len(r) >= 5:
            turn, phase, rnd, side, why = r[:5]
            if pack is not None:
                why = reason_text(r, pack, lang)
        else:
            turn, phase, side, why = r
            rnd = 0
        out.setdefault(turn, []).append({"phase": phase, "round": rnd, "side": side, "why": why})
    return out


def _incident(inc, pack, reveal: bool, lang: str = "en") -> dict:
    d = {"id": inc.id, "turn": inc.turn, "kind": inc.kind, "blamed": inc.blamed,
         "confidence": round(inc.confidence, 3), "clarified": inc.clarified,
         "revealed": inc.revealed, "reveal_turn": inc.reveal_turn,
         "false_flag": inc.false_flag if (reveal or inc.revealed) else None}
    if inc.kind == "event":
        d["source"] = _name(pack.events, inc.source, lang)
    elif inc.kind == "alarm":
        d["source"] = tr(lang, "deal_n", n=inc.source)
    else:
        d["source"] = tr(lang, "unattributed")
    return d


def _timeline(st: GameState, engine, doc: dict, reveal: bool, lang: str = "en") -> list:
    pack = engine.pack
    sc = engine.scenario
    reasons = _reasons(doc, pack, lang)
    incidents = {i.id: i for i in st.incidents}
    records = list(st.history)
    if st.phase != "over" and (st.current.changes or st.current.event):
        records.append(st.current)
    out = []
    for h in records:
        ev = pack.events.get(h.event) if h.event else None
        resp = []
        for side, opt in h.responses.items():
            o = next((x for x in ev.responses.options if x.id == opt), None) if ev and ev.responses else None
            resp.append({"side": side, "option": opt, "name": o.name.get(lang) if o else opt,
                         "stance": o.stance if o else "neutral"})
        orders = {}
        for side in SIDES:
            orders[side] = [{"id": a, "name": _name(pack.actions, a, lang),
                             "stance": pack.actions[a].stance if a in pack.actions else "neutral"}
                            for a in h.orders.get(side, [])]
        changes = [{"phase": c[0], "target": c[1], "delta": round(c[2], 4),
                    "after": round(c[3], 4), "cause": c[4],
                    "text": narrate.change_line(c, pack, lang, st.deals)} for c in h.changes]
        deal_news = []
        for d in st.deals:
            for b in d.breaches:
                if b[0] == h.turn and (reveal or b[2]):
                    deal_news.append({"deal": d.id, "name": _name(pack.offers, d.offer, lang),
                                      "kind": "breach", "side": b[1], "detected": b[2]})
            for a in d.alarms:
                if a[0] == h.turn:
                    deal_news.append({"deal": d.id, "name": _name(pack.offers, d.offer, lang),
                                      "kind": "false_alarm", "side": a[1], "detected": True})
        out.append({
            "turn": h.turn,
            "date": narrate.date_of(sc, h.turn, lang),
            "complete": h in st.history,
            "event": ({"id": ev.id, "name": ev.name.get(lang), "text": ev.text.get(lang),
                       "tone": ev.tone}
                      if ev else None),
            "incidents": [_incident(incidents[i], pack, reveal, lang)
                          for i in h.incidents if i in incidents],
            "responses": resp,
            "offers": [{"id": o["id"], "from": o["from"], "to": o["to"], "offer": o["offer"],
                        "name": _name(pack.offers, o["offer"], lang), "duration": o["duration"],
                        "verification": o["verification"], "round": o["round"],
                        "status": o.get("status", "open")} for o in h.offers],
            "messages": [{"round": m[0], "side": m[1], "text": m[2]} for m in h.messages],
            "orders": orders,
            "changes": changes,
            "deal_events": deal_news,
            "posture": dict(h.posture),
            "public": dict(h.public),
            "snapshot": dict(h.snapshot),
            "reasons": reasons.get(h.turn, []),
        })
    return out


def _matrix(st: GameState) -> dict:
    rows = []
    counts = {k: 0 for k in ("CC", "CD", "DC", "DD")}
    seen = {k: 0 for k in ("CC", "CD", "DC", "DD")}
    for h in st.history:
        if not h.posture:
            continue
        cell = h.posture.get("us", "?") + h.posture.get("cn", "?")
        pub = h.public.get("us", "?") + h.public.get("cn", "?")
        counts[cell] = counts.get(cell, 0) + 1
        seen[pub] = seen.get(pub, 0) + 1
        rows.append({"turn": h.turn, "us": h.posture.get("us"), "cn": h.posture.get("cn"),
                     "us_seen": h.public.get("us"), "cn_seen": h.public.get("cn"),
                     "misread": [s for s in SIDES if h.public.get(s) != h.posture.get(s)]})
    return {"rows": rows, "counts": counts, "seen": seen}


def _deals(st: GameState, engine, reveal: bool, lang: str = "en") -> dict:
    pack = engine.pack
    rows = []
    for d in st.deals:
        breaches = [{"turn": b[0], "side": b[1], "detected": bool(b[2])}
                    for b in d.breaches if reveal or b[2]]
        rows.append({
            "id": d.id, "offer": d.offer, "name": _name(pack.offers, d.offer, lang),
            "proposer": d.proposer, "signed": d.signed, "ends": d.ends, "duration": d.duration,
            "verification": d.verification, "status": d.status, "breaches": breaches,
            "alarms": [{"turn": a[0], "side": a[1]} for a in d.alarms],
        })
    all_b = [b for r in rows for b in r["breaches"]]
    totals = {k: sum(1 for d in st.deals if d.status == k)
              for k in ("kept", "broken", "collapsed", "active")}
    totals.update({
        "signed": len(st.deals),
        "breaches": len(all_b),
        "detected": sum(1 for b in all_b if b["detected"]),
        "undetected": sum(1 for b in all_b if not b["detected"]),
        "false_alarms": sum(len(r["alarms"]) for r in rows),
    })
    return {"rows": rows, "totals": totals}


def _objectives(st: GameState, engine, reveal: bool, lang: str = "en") -> dict:
    out = {}
    for s in SIDES:
        oid = st.sides[s].objective
        if not oid or not reveal:
            out[s] = None
            continue
        ob = engine.pack.objectives.get(oid)
        out[s] = {"id": oid, "name": ob.name.get(lang) if ob else oid,
                  "text": ob.text.get(lang) if ob else "",
                  "met": bool(engine.rules.objective_met(st, s, oid)) if ob else None,
                  "bonus": ob.bonus if ob else 0}
    return out


def personality(name: str, lang: str = "en") -> str:
    """A personality as the fingerprint names it: ``dove (always cooperate)``."""
    text = tr(lang, f"personality.{name.replace('-', '_')}")
    return bot_label(name, lang) if text.startswith("report.") else text


def fingerprint_sentence(side: str, f: dict, lang: str = "en") -> str:
    lang = norm_lang(lang)
    who = capital(side_name(side, lang))
    label = personality(f["bot"], lang)
    if f["bot"] == "random":
        best = max((n for n in f["scores"] if n != "random"), key=lambda n: f["scores"][n])
        return tr(lang, "fp_random", who=who, closest=personality(best, lang),
                  share=f["scores"][best])
    s = tr(lang, "fp_like", who=who, label=label, share=f["agreement"])
    if f.get("consistent"):
        s += tr(lang, "fp_consistent", names=tr(lang, "list_sep").join(
            personality(n, lang) for n in f["consistent"]))
    return s


LABEL = {"dove": "dove (always cooperate)", "hawk": "hawk (always compete)",
         "tit-for-tat": "tit-for-tat", "generous": "generous tit-for-tat",
         "grim": "grim trigger", "pavlov": "pavlov (win-stay, lose-shift)", "random": "random"}


def build(doc: dict, state: GameState, engine, *, counterfactual: bool = True,
          cf_side: Optional[str] = None, cf_bot: Optional[str] = None,
          verify: bool = True, source: str = "", lang: str = "en") -> dict:
    """The whole report for one save, its texts in ``lang`` (en, zh-Hant or zh-Hans).

    Keys, ids and numbers are the same in every language; names, sentences and the lines
    that say why a number changed are in ``lang``."""
    from . import counterfactual as cfm
    from .replay import verify as do_verify

    lang = norm_lang(lang)
    st = state
    over = st.phase == "over"
    reveal = over
    sc = engine.scenario
    fps = fp.fingerprint(st.history, engine, st.noise) if st.history else {}
    report = {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "source": source,
        "lang": lang,
        "setup": {
            "name": doc.get("name") or "",
            "pack": engine.pack.id,
            "scenario": sc.id,
            "scenario_name": sc.name.get(lang),
            "scenario_text": sc.text.get(lang),
            "classic": engine.rules.classic,
            "seed": st.seed,
            "turns": st.turns,
            "noise": st.noise,
            "options": dict(st.options),
            "seats": dict(doc.get("seats", {})),
            "level": doc.get("level", "normal"),
            "mode": doc.get("mode", ""),
            "saved_at": doc.get("saved_at"),
            "dates": [narrate.date_of(sc, 1, lang), narrate.date_of(sc, st.turns, lang)],
            "start": {s: dict(st.start[s]) for s in SIDES},
            "objectives": _objectives(st, engine, reveal, lang),
        },
        "outcome": {
            "over": over,
            "revealed": reveal,
            "turn": st.turn,
            "phase": st.phase,
            **{k: v for k, v in outcome_numbers(engine, st).items() if k != "deals"},
            "ending_name": narrate.ending_name(st.ending, lang) if st.ending else None,
            "ending_text": narrate.ending_text(st.ending, lang) if st.ending else "",
            "escalation_name": narrate.ladder_name(st.level, lang),
            "risk": {k: round(v, 3) for k, v in st.risk.items()},
            "channels": {k: {"name": _name(engine.pack.channels, k, lang), "open": c.open,
                             "strength": round(c.strength, 3)} for k, c in st.channels.items()},
        },
        "series": series_of(st, engine),
        "matrix": _matrix(st),
        "deals": _deals(st, engine, reveal, lang),
        "incidents": [_incident(i, engine.pack, reveal, lang) for i in st.incidents],
        "timeline": _timeline(st, engine, doc, reveal, lang),
        "fingerprint": fps,
        "fingerprint_text": {s: fingerprint_sentence(s, fps[s], lang) for s in fps},
        "counterfactual": None,
        "verification": None,
    }
    if verify:
        v = do_verify(engine, doc, st)
        report["verification"] = {"ok": v.ok, "phases": v.phases, "turn": v.turn,
                                  "phase": v.phase, "text": v.line(lang)}
    if counterfactual and st.history:
        report["counterfactual"] = cfm.run(engine, doc, st, cf_side, cf_bot, fingerprint=fps)
    return report


def compare(items: list, lang: Optional[str] = None) -> dict:
    """One report for a class: ``items`` is ``[(label, report), ...]`` of single reports of
    tables that played the same scenario (built in ``lang``, which is the first report's
    language unless given)."""
    first = items[0][1]["setup"]
    lang = norm_lang(lang or items[0][1].get("lang"))
    tables = []
    notes = []
    for label, r in items:
        s, o = r["setup"], r["outcome"]
        if (s["pack"], s["scenario"]) != (first["pack"], first["scenario"]):
            notes.append(tr(lang, "note_other_scenario", label=label,
                            played=f"{s['pack']}/{s['scenario']}",
                            expected=f"{first['pack']}/{first['scenario']}"))
        tables.append({
            "label": label,
            "seed": s["seed"],
            "seats": s["seats"],
            "noise": s["noise"],
            "outcome": o,
            "deals": r["deals"]["totals"],
            "fingerprint": r["fingerprint"],
            "fingerprint_text": r["fingerprint_text"],
            "matrix": r["matrix"]["counts"],
            "series": r["series"],
            "verification": r["verification"],
        })
    fins = [t["outcome"]["final"] for t in tables]
    n = len(tables)
    mean = {
        "final": {s: round(sum(f[s] for f in fins) / n, 3) for s in SIDES},
        "welfare": round(sum(t["outcome"]["welfare"] for t in tables) / n, 3),
        "trust": round(sum(t["outcome"]["trust"] for t in tables) / n, 3),
        "cooperation": {s: round(sum(t["outcome"]["cooperation"][s] for t in tables) / n, 4)
                        for s in SIDES},
    }
    endings: dict = {}  # ending id (or "in_progress") -> tables
    for tb in tables:
        e = tb["outcome"]["ending"] or "in_progress"
        endings[e] = endings.get(e, 0) + 1
    return {
        "format": FORMAT + "-class",
        "version": VERSION,
        "generated_at": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "lang": lang,
        "scenario": {"pack": first["pack"], "scenario": first["scenario"],
                     "scenario_name": first["scenario_name"], "turns": first["turns"]},
        "tables": tables,
        "mean": mean,
        "endings": endings,
        "notes": notes,
    }


__all__ = ["build", "compare", "series_of", "fingerprint_sentence", "personality", "side_name",
           "side_title", "tr", "SIDE_NAME", "SIDE_TITLE", "STATS"]
