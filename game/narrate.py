"""Turning the engine's record into sentences: one line per change, saying why.

Pure functions over a pack and plain state data, no UI imports: the TUI, the debrief report
and the CLI all read the same ``[phase, target, delta, after, cause]`` changes through here.

    change_line(["resolution", "trust", -2.5, 27.5, ["rule", "competition", "cn"]], pack)
    -> "Trust −2.5 → 27.5: China competed head-on"
"""

from __future__ import annotations

from typing import Iterable, Optional

from .i18n import t

LADDER_KEYS = ("detente", "competition", "friction", "crisis", "confrontation", "conflict")


def scenario_name(pack: str, scenario: Optional[str], lang: str = "en") -> str:
    """A scenario's name in ``lang``, from its pack (a name or folder; ``scenario`` None:
    the pack's first); ``pack/scenario`` when that pack cannot be loaded here."""
    from .engine.api import engine_for

    try:
        return engine_for(pack, scenario).scenario.name.get(lang)
    except Exception:  # a pack this machine does not have, or a damaged one
        return f"{pack}/{scenario or ''}"


def seat_label(seat, lang: str, human: str) -> str:
    """``human`` or ``bot:NAME`` as players read it: ``human`` (the word of the screen
    showing it), or the bot's name in ``lang``."""
    from .i18n import bot_label

    if isinstance(seat, str) and seat.startswith("bot:"):
        return bot_label(seat[4:], lang)
    return human if seat == "human" else str(seat or "?")


def _name(table: dict, key, lang: str) -> str:
    entry = table.get(key) if table else None
    return entry.name.get(lang) if entry is not None else str(key)


def side_name(side: str, lang: str = "en") -> str:
    return t(f"side.{side}", lang)


def date_of(scenario, turn: int, lang: str = "en") -> str:
    """Turn 1 is the scenario's start half-year; each turn is half a year."""
    start = (scenario.start_year * 2 + (scenario.start_half - 1)) + (turn - 1)
    year, half = divmod(start, 2)
    return t("date", lang, year=year, half=half + 1, halfname=t(f"half.h{half + 1}", lang))


def ending_name(ending: Optional[str], lang: str = "en") -> str:
    return t(f"ending.{ending}", lang) if ending else "—"


def ending_text(ending: Optional[str], lang: str = "en") -> str:
    return t(f"ending_text.{ending}", lang) if ending else ""


def ladder_name(level: int, lang: str = "en") -> str:
    return t(f"ladder.{LADDER_KEYS[max(0, min(level, 5))]}", lang)


def phase_name(phase: str, lang: str = "en") -> str:
    return t(f"phase.{phase}", lang)


def target_name(target: str, pack, lang: str = "en") -> str:
    """``us.economy`` -> "US economy"; ``risk.cyber`` -> "Cyber risk"; ``channel.track2`` -> ..."""
    head, _, rest = target.partition(".")
    if head in ("us", "cn"):
        if rest == "move":
            return t("target.move", lang, side=t(f"side_short.{head}", lang))
        return t("target.side_stat", lang, side=t(f"side_short.{head}", lang),
                 stat=t(f"stat.{rest}", lang))
    if head in ("trust", "tension", "welfare"):
        return t(f"stat.{head}", lang)
    if head == "risk":
        return t("target.risk", lang, risk=t(f"risk.{rest}", lang))
    if head == "channel":
        return _name(pack.channels, rest, lang)
    if head == "swing":
        return t("target.swing", lang, state=_name(pack.swing_states, rest, lang))
    return target


def _deal_offer(deal_id, deals: Iterable) -> Optional[str]:
    for d in deals or ():
        did = d.id if hasattr(d, "id") else d.get("id")
        if str(did) == str(deal_id):
            return d.offer if hasattr(d, "offer") else d.get("offer")
    return None


def cause_text(cause: list, pack, lang: str = "en", deals: Iterable = ()) -> str:
    """One clause saying why a number changed."""
    if not cause:
        return ""
    kind, rest = cause[0], list(cause[1:])
    tail = ""
    if rest and rest[-1] in ("opened", "closed") and kind != "channel":
        tail = t(f"why.channel_{rest[-1]}", lang)
        rest = rest[:-1]
    if kind == "action" and len(rest) >= 2:
        s = t("why.action", lang, side=side_name(rest[0], lang),
              card=_name(pack.actions, rest[1], lang))
    elif kind == "event" and rest:
        s = t("why.event", lang, event=_name(pack.events, rest[0], lang))
    elif kind == "response" and len(rest) >= 3:
        ev = pack.events.get(rest[1])
        opt = rest[2]
        if ev is not None and ev.responses:
            opt = next((o.name.get(lang) for o in ev.responses.options if o.id == rest[2]), opt)
        s = t("why.response", lang, side=side_name(rest[0], lang), option=opt,
              event=_name(pack.events, rest[1], lang))
    elif kind == "deal" and rest:
        oid = _deal_offer(rest[0], deals)
        deal = _name(pack.offers, oid, lang) if oid else t("why.deal_n", lang, n=rest[0])
        what = rest[1] if len(rest) > 1 else "benefit"
        who = side_name(rest[2], lang) if len(rest) > 2 and rest[2] in ("us", "cn") else ""
        s = t(f"why.deal_{what}", lang, deal=deal, side=who)
    elif kind == "rule" and rest:
        name = rest[0]
        who = side_name(rest[1], lang) if len(rest) > 1 and rest[1] in ("us", "cn") else ""
        s = t(f"why.rule_{name}", lang, side=who)
    elif kind == "channel" and rest:
        what = rest[1] if len(rest) > 1 else "contact"
        s = t(f"why.channel_{what}", lang, channel=_name(pack.channels, rest[0], lang))
    elif kind == "swing" and rest:
        what = rest[1] if len(rest) > 1 else "drift"
        s = t(f"why.swing_{what}", lang, state=_name(pack.swing_states, rest[0], lang))
    elif kind == "incident":
        s = t("why.incident", lang, n=rest[0] if rest else "?")
    elif kind == "forensics":
        s = t("why.forensics", lang, n=rest[0] if rest else "?")
    elif kind == "risk" and rest:
        s = t("why.risk", lang, risk=t(f"risk.{rest[0]}", lang))
    elif kind == "payoff" and rest:
        s = t("why.payoff", lang, k=rest[0])
    elif kind == "noise" and rest:
        s = t("why.noise", lang, side=side_name(rest[0], lang))
    else:
        s = " ".join(str(x) for x in cause)
    return s + tail


def fmt_delta(delta: float) -> str:
    if abs(delta) >= 10 or float(delta).is_integer():
        txt = f"{abs(delta):.0f}" if float(delta).is_integer() else f"{abs(delta):.1f}"
    else:
        txt = f"{abs(delta):.1f}"
    return ("+" if delta >= 0 else "−") + txt


def change_line(change: list, pack, lang: str = "en", deals: Iterable = ()) -> str:
    """``Trust −2.5 → 27.5: China competed head-on``."""
    _phase, target, delta, after, cause = change
    name = target_name(target, pack, lang)
    if target.startswith("channel.") and cause and cause[-1] in ("opened", "closed"):
        return f"{name}: {cause_text(cause, pack, lang, deals)}"
    return f"{name} {fmt_delta(delta)} → {after:.1f}: {cause_text(cause, pack, lang, deals)}"


def merge_changes(changes: Iterable[list]) -> list[list]:
    """Adds up consecutive-or-not changes of the same target for the same cause, keeping the
    order of first appearance and the last value: a summary reads shorter, nothing is lost."""
    out: list[list] = []
    index: dict = {}
    for ch in changes:
        phase, target, delta, after, cause = ch
        key = (target, tuple(map(str, cause)))
        if key in index:
            row = out[index[key]]
            row[2] += delta
            row[3] = after
        else:
            index[key] = len(out)
            out.append([phase, target, delta, after, list(cause)])
    return [r for r in out if abs(r[2]) > 1e-9 or (r[4] and r[4][-1] in ("opened", "closed"))]


def turn_lines(record, pack, lang: str = "en", deals: Iterable = (),
               phases: Optional[tuple] = None) -> list[str]:
    """Every change of a turn record (or of some of its phases) as a line."""
    changes = record.changes if hasattr(record, "changes") else record["changes"]
    if phases:
        changes = [c for c in changes if c[0] in phases]
    return [change_line(c, pack, lang, deals) for c in merge_changes(changes)]


def effect_line(effect, pack, lang: str = "en", actor: Optional[str] = None) -> str:
    """A content effect (from a card, option or offer) as a short preview: ``Your economy +2``."""
    if effect.open is not None:
        return t("fx.open", lang, channel=_name(pack.channels, effect.open, lang))
    if effect.close is not None:
        return t("fx.close", lang, channel=_name(pack.channels, effect.close, lang))
    head, _, rest = effect.stat.partition(".")
    if head in ("self", "other"):
        who = t(f"fx.{head}", lang)
        name = t("target.side_stat", lang, side=who, stat=t(f"stat.{rest}", lang))
    elif head in ("us", "cn"):
        name = t("target.side_stat", lang, side=t(f"side_short.{head}", lang), stat=t(f"stat.{rest}", lang))
    elif head == "swing":
        name = None
    else:
        name = target_name(effect.stat, pack, lang)
    d = fmt_delta(effect.delta)
    chance = f" ({effect.chance:.0%})" if effect.chance < 1.0 else ""
    if name is None:  # a swing state's lean, read from the actor's side
        return t("fx.swing_line", lang, state=_name(pack.swing_states, rest, lang), d=d) + chance
    return f"{name} {d}{chance}"
