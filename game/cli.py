"""The ``yalta`` command line.

Every sub-command calls the same engine functions as the TUI. Bad input gets a one-line
error naming what is wrong and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, Optional

from . import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

# Modules that add sub-commands (see build_parser).
EXTRA_COMMANDS = (
    "game.commands.play",        # yalta play (the TUI)
    "game.commands.tournament",  # yalta tournament
    "game.commands.report",      # yalta report / replay / counterfactual
    "game.commands.net",         # yalta host / join / facilitate / watch / serve / briefing
)


class CliError(Exception):
    """A problem with what the user asked for: printed as one line, exit code 2."""


def _fail(msg: str, code: int = EXIT_USAGE) -> int:
    print(f"yalta: error: {msg}", file=sys.stderr)
    return code


# ---------------------------------------------------------------------------------------
# validate

def cmd_validate(args) -> int:
    from .content.loader import ContentError, builtin_packs_dir, list_packs, load_pack
    from .content.i18n import missing_translations

    targets = args.paths or [str(builtin_packs_dir() / p) for p in list_packs()]
    problems: list[str] = []
    ok_lines: list[str] = []
    for t in targets:
        try:
            pack = load_pack(t)
        except ContentError as e:
            problems += e.problems
            continue
        if args.lang:
            problems += missing_translations(pack, args.lang)
        ok_lines.append(
            f"ok: {t}: {len(pack.scenarios)} scenarios, {len(pack.actions)} actions, "
            f"{len(pack.events)} events, {len(pack.offers)} offers")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_INVALID
    if not args.quiet:
        for line in ok_lines:
            print(line)
    return EXIT_OK


def cmd_schema(args) -> int:
    from .content.schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if args.output:
        from pathlib import Path

        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_derive_hans(args) -> int:
    from pathlib import Path

    from .content.derive import derive_paths
    from .content.loader import builtin_packs_dir

    paths = [Path(p) for p in args.paths] or [builtin_packs_dir()]
    for p in paths:
        if not p.exists():
            raise CliError(f"{p}: no such file or folder")
    try:
        done = derive_paths(paths)
    except RuntimeError as e:
        raise CliError(str(e)) from None
    for f, n in done.items():
        print(f"{f}: {n} Simplified Chinese text(s) added")
    if not done:
        print("nothing to add: every text already has zh-Hans")
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# simulate

def _prob(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= v <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not a probability between 0 and 1")
    return v


def _positive(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return v


def _seed(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= v < 2**63:
        raise argparse.ArgumentTypeError(f"{text} is not a seed (0 to 2^63-1)")
    return v


def load_engine(content: str, scenario: Optional[str]):
    """The engine for a pack and scenario, or a CliError/ContentError saying what is wrong."""
    from .content.loader import load_pack
    from .engine import Engine

    pack = load_pack(content)
    if scenario and scenario not in pack.scenarios:
        raise CliError(f"no scenario {scenario!r} in pack {pack.id!r} "
                       f"(known: {', '.join(sorted(pack.scenarios))})")
    return Engine(pack, scenario)


def check_bot(name: str) -> str:
    from .bots import ALIASES, REGISTRY

    key = ALIASES.get(name.lower(), name.lower())
    if key not in REGISTRY:
        raise CliError(f"unknown bot {name!r} (known: {', '.join(REGISTRY)})")
    return key


def with_progress(total: int, label: str, enabled: bool) -> tuple[Callable[[], None], Callable[[], None]]:
    """A rich progress bar on stderr for long runs when stderr is a terminal."""
    if not enabled or total < 10 or not sys.stderr.isatty():
        return (lambda: None), (lambda: None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    prog = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    prog.start()
    task = prog.add_task(label, total=total)
    return (lambda: prog.advance(task)), prog.stop


def cmd_simulate(args) -> int:
    from .sim import game_seeds, play_game, summarise

    us, cn = check_bot(args.us), check_bot(args.cn)
    engine = load_engine(args.content, args.scenario)
    seeds = game_seeds(args.seed, args.games)
    tick, stop = with_progress(len(seeds), f"{us} vs {cn}", not args.json)
    games = []
    try:
        for s in seeds:
            res = play_game(engine, us, cn, seed=s, turns=args.turns, noise=args.noise,
                            keep_reasons=bool(args.save))
            games.append(res.summary(engine))
            if args.save:
                _save_game(engine, res, args.save)
            tick()
    finally:
        stop()
    summary = summarise(games)
    summary.update({"us_bot": us, "cn_bot": cn, "pack": engine.pack.id,
                    "scenario": engine.scenario.id, "seed": args.seed, "noise": args.noise})
    if args.json:
        sys.stdout.write(json.dumps({"games": games, "summary": summary}, ensure_ascii=False,
                                    sort_keys=True) + "\n")
        return EXIT_OK
    _print_simulation(engine, games, summary)
    return EXIT_OK


def _save_game(engine, res, folder: str) -> None:
    """Write one headless game as a save, in the format the TUI writes."""
    from .saves import SaveError, SaveStore, build, slug

    st = res.state
    us, cn = res.bots["us"], res.bots["cn"]
    # play_game keeps [turn, phase, side, why] per decision, one per log entry, in order
    reasons = [[e[0], e[1], e[2], e[3], r[3]] for e, r in zip(st.log, res.reasons)]
    name = f"{us} vs {cn}, seed {st.seed}"
    doc = build(engine, st, seats={"us": f"bot:{us}", "cn": f"bot:{cn}"}, mode="watch",
                reasons=reasons, name=name, kind="manual", game=f"sim-{us}-{cn}-{st.seed}")
    store = SaveStore(folder)
    try:
        store.write(doc, store.named_path(slug(f"{us}-vs-{cn}-seed{st.seed}")))
    except SaveError as e:
        raise CliError(str(e)) from None


def _print_simulation(engine, games: list, summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    title = (f"{summary['us_bot']} (United States) vs {summary['cn_bot']} (China) — "
             f"{engine.scenario.name.en}, noise {summary['noise']:g}")
    t = Table(title=title, show_lines=False)
    for col, just in (("seed", "right"), ("outcome", "left"), ("turns", "right"),
                      ("national US", "right"), ("national CN", "right"), ("welfare", "right"),
                      ("trust", "right"), ("escalation", "left"), ("coop US", "right"),
                      ("coop CN", "right")):
        t.add_column(col, justify=just)
    shown = games if len(games) <= 20 else games[:10]
    for g in shown:
        t.add_row(str(g["seed"]), g["outcome"], str(g["turns"]), f"{g['national']['us']:.1f}",
                  f"{g['national']['cn']:.1f}", f"{g['welfare']:.1f}", f"{g['trust']:.0f}",
                  g["escalation"], f"{g['cooperation']['us']:.0%}", f"{g['cooperation']['cn']:.0%}")
    if len(games) > len(shown):
        t.add_row("…", f"{len(games) - len(shown)} more games", *[""] * 8)
    console.print(t)
    outs = ", ".join(f"{k} {v}" for k, v in summary["outcomes"].items())
    console.print(
        f"[bold]{summary['games']} games[/]: mean national US {summary['national_us']:.1f}, "
        f"CN {summary['national_cn']:.1f}; welfare {summary['welfare']:.1f}; "
        f"cooperation US {summary['cooperation_us']:.0%}, CN {summary['cooperation_cn']:.0%}")
    console.print(f"Outcomes: {outs}")


# ---------------------------------------------------------------------------------------
# the parser

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="yalta",
        description="New Yalta: a negotiation wargame of the US-China AI race, 2025-2030. "
                    "With no command, opens the game.")
    p.add_argument("--version", action="version", version=f"New Yalta {__version__}")
    p.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=None,
                   help="language of the game's texts (default: settings, then the locale)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    v = sub.add_parser("validate", help="check content packs; one line per problem, FILE:LINE:",
                       description="Check content packs against the schema. Exit 0 when valid, "
                                   "else 1 with one line per problem: FILE:LINE: what is wrong.")
    v.add_argument("paths", nargs="*", metavar="PATH", help="pack folders (default: every shipped pack)")
    v.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"),
                   help="also report every missing or empty translation into this language")
    v.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    v.set_defaults(func=cmd_validate)

    j = sub.add_parser("schema", help="print the JSON Schema of content files (for editors)")
    j.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead of stdout")
    j.set_defaults(func=cmd_schema)

    h = sub.add_parser("derive-hans", help="add Simplified Chinese derived from the Traditional (OpenCC)",
                       description="Add a zh-Hans text beside every zh-Hant one that lacks it, "
                                   "converted with OpenCC (tw2sp) and a reviewed term list. "
                                   "Existing zh-Hans texts are kept. Needs: pip install '.[i18n]'.")
    h.add_argument("paths", nargs="*", metavar="PATH", help="YAML files or folders (default: the shipped packs)")
    h.set_defaults(func=cmd_derive_hans)

    s = sub.add_parser("simulate", help="play bots against each other headless",
                       description="Play games between two bots without a UI and print the "
                                   "results. The same arguments always give the same output.")
    s.add_argument("--us", required=True, metavar="BOT", help="bot for the United States")
    s.add_argument("--cn", required=True, metavar="BOT", help="bot for China")
    s.add_argument("--games", type=_positive, default=1, metavar="N", help="games to play (default 1)")
    s.add_argument("--turns", type=_positive, default=None, metavar="T",
                   help="turns per game (default: the scenario's)")
    s.add_argument("--seed", type=_seed, default=1, metavar="S",
                   help="seed of the first game; later games use seeds derived from it (default 1)")
    s.add_argument("--content", default="default", metavar="PACK_OR_PATH",
                   help="content pack name or folder (default: default)")
    s.add_argument("--scenario", default=None, metavar="ID", help="scenario id (default: the pack's)")
    s.add_argument("--noise", type=_prob, default=0.0, metavar="P",
                   help="attribution fog: chance per side per turn of a misattributed incident "
                        "(classic pack: of a flipped move)")
    s.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    s.add_argument("--save", metavar="DIR", default=None,
                   help="also write each game as a save in DIR (for yalta report / replay)")
    s.set_defaults(func=cmd_simulate)

    # Commands that live with their own feature register themselves here: each module has
    # ``register(subparsers)`` adding its parser with ``set_defaults(func=...)``.
    import importlib

    for name in EXTRA_COMMANDS:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name and name.startswith(e.name):
                continue  # that feature is not part of this build
            raise
        mod.register(sub)
    return p


def main(argv: Optional[list[str]] = None) -> int:
    from .content.loader import ContentError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        try:
            from .tui.app import run_app
        except ImportError:
            parser.print_help()
            return EXIT_OK
        return run_app(lang=args.lang)
    try:
        return args.func(args)
    except CliError as e:
        return _fail(str(e))
    except ContentError as e:
        if len(e.problems) == 1:
            return _fail(e.problems[0], EXIT_INVALID)
        for line in e.problems:
            print(line, file=sys.stderr)
        return _fail(f"{len(e.problems)} problems in the content pack", EXIT_INVALID)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
