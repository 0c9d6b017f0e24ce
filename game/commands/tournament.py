"""``yalta tournament``: a round robin between bots, ranked by mean final score."""

from __future__ import annotations

import argparse
import json
import sys

from ..cli import (EXIT_OK, CliError, _positive, _prob, _seed, cli_lang, help_text, load_engine,
                   with_progress)
from ..i18n import bot_label, t


def register(sub, lang: str = "en") -> None:
    def h(key: str) -> str:
        return help_text(key, lang)

    t = sub.add_parser("tournament", help=h("tour"), description=h("tour_desc"))
    t.add_argument("--bots", default="all", metavar="LIST", help=h("tour_bots"))
    t.add_argument("--level", default="hard", choices=("easy", "normal", "hard"),
                   help=h("tour_level"))
    t.add_argument("--games", type=_positive, default=5, metavar="N", help=h("tour_games"))
    t.add_argument("--seed", type=_seed, default=1, metavar="S", help=h("tour_seed"))
    t.add_argument("--noise", type=_prob, default=0.0, metavar="P", help=h("sim_noise"))
    t.add_argument("--turns", type=_positive, default=None, metavar="T", help=h("sim_turns"))
    t.add_argument("--content", default="default", metavar="PACK_OR_PATH", help=h("sim_content"))
    t.add_argument("--scenario", default=None, metavar="ID", help=h("sim_scenario"))
    t.add_argument("--jobs", type=_positive, default=None, metavar="N", help=h("tour_jobs"))
    t.add_argument("--json", action="store_true", help=h("sim_json"))
    t.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=argparse.SUPPRESS,
                   help=h("sub_lang"))
    t.set_defaults(func=cmd_tournament)


def _check_bots(spec: str) -> None:
    """The errors ``parse_entries`` would raise for ``--bots``, said in the user's language."""
    from ..bots import ALIASES, REGISTRY

    names = set()
    for raw in spec.split(","):
        tok = raw.strip()
        if not tok:
            continue
        if tok.lower() == "all":
            names.update(REGISTRY)
            continue
        name, _, lvl = tok.partition(":")
        key = ALIASES.get(name.lower(), name.lower())
        if key not in REGISTRY:
            raise CliError.of("unknown_bot", name=repr(name), known=", ".join(REGISTRY))
        levels = getattr(REGISTRY[key], "levels", ())
        if lvl and not levels:
            raise CliError.of("tour_no_levels", bot=repr(key))
        if lvl and lvl not in levels:
            raise CliError.of("tour_bad_level", level=repr(lvl), bot=repr(key),
                              levels=", ".join(levels))
        names.add(f"{key}:{lvl}" if lvl else key)
    if len(names) < 2:
        raise CliError.of("tour_two_bots")


def cmd_tournament(args) -> int:
    from ..tournament import default_jobs, parse_entries, run_tournament

    lang = cli_lang(args)
    try:
        entries = parse_entries(args.bots, args.level)
    except ValueError as e:
        _check_bots(args.bots)
        raise CliError(str(e)) from None
    engine = load_engine(args.content, args.scenario)  # fails early on a bad pack or scenario
    jobs = args.jobs or default_jobs()
    total = len(entries) ** 2 * args.games
    tick, stop = with_progress(total, t("cli.tour_progress", lang), not args.json)
    try:
        result = run_tournament(entries, games=args.games, seed=args.seed, noise=args.noise,
                                content=args.content, scenario=args.scenario, turns=args.turns,
                                jobs=jobs, on_game=tick)
    finally:
        stop()
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, sort_keys=True) + "\n")
        return EXIT_OK
    _print_ranking(engine, result, lang)
    return EXIT_OK


def _label(entry: str, lang: str) -> str:
    """``strategist:hard`` for players: the bot's name (and level) in ``lang``."""
    if lang == "en":
        return entry
    name, _, level = entry.partition(":")
    text = bot_label(name, lang)
    if not level:
        return text
    return t("cli.tour_bot_level", lang, bot=text, level=t(f"level.{level}", lang))


def _print_ranking(engine, result: dict, lang: str = "en") -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    title = t("cli.tour_title", lang, scenario=engine.scenario.name.get(lang),
              games=result["games"], noise=result["noise"])
    tb = Table(title=escape(title))
    tb.add_column(t("cli.tour_col_rank", lang), justify="right")
    tb.add_column(t("cli.tour_col_bot", lang), justify="left")
    tb.add_column(t("cli.tour_col_mean", lang), justify="right")
    tb.add_column(t("cli.tour_col_ci", lang), justify="right")
    tb.add_column(t("cli.tour_col_games", lang), justify="right")
    for i, r in enumerate(result["ranking"], 1):
        lo, hi = r["ci95"]
        tb.add_row(str(i), escape(_label(r["bot"], lang)), f"{r['mean']:.2f}",
                   f"{lo:.2f} – {hi:.2f}", str(r["games"]))
    console.print(tb)
    rk = result["ranking"]
    if len(rk) >= 2:
        clear = rk[0]["ci95"][0] > rk[1]["ci95"][1]
        verdict = t("cli.tour_clear" if clear else "cli.tour_overlaps", lang,
                    first=_label(rk[0]["bot"], lang), second=_label(rk[1]["bot"], lang))
        console.print(escape(verdict))
