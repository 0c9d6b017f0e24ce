"""``yalta tournament``: a round robin between bots, ranked by mean final score."""

from __future__ import annotations

import json
import sys

from ..cli import EXIT_OK, CliError, _positive, _prob, _seed, load_engine, with_progress


def register(sub) -> None:
    t = sub.add_parser(
        "tournament", help="a round robin between bots, ranked by mean final score",
        description="Every ordered pair of bots plays GAMES games, so each pair meets on both "
                    "seats, and every bot also plays a copy of itself. Bots are ranked by their "
                    "mean final score with a 95%% interval. The same arguments always give the "
                    "same result, whatever --jobs is.")
    t.add_argument("--bots", default="all", metavar="LIST",
                   help="'all' or a comma list of bots; NAME:LEVEL picks a level "
                        "(e.g. strategist:easy); default: all")
    t.add_argument("--level", default="hard", choices=("easy", "normal", "hard"),
                   help="level of bots that have levels when none is named (default: hard)")
    t.add_argument("--games", type=_positive, default=5, metavar="N",
                   help="games per ordered pair (default 5)")
    t.add_argument("--seed", type=_seed, default=1, metavar="S",
                   help="seed of the first game of each pairing; later games use seeds derived "
                        "from it (default 1)")
    t.add_argument("--noise", type=_prob, default=0.0, metavar="P",
                   help="attribution fog: chance per side per turn of a misattributed incident "
                        "(classic pack: of a flipped move)")
    t.add_argument("--turns", type=_positive, default=None, metavar="T",
                   help="turns per game (default: the scenario's)")
    t.add_argument("--content", default="default", metavar="PACK_OR_PATH",
                   help="content pack name or folder (default: default)")
    t.add_argument("--scenario", default=None, metavar="ID", help="scenario id (default: the pack's)")
    t.add_argument("--jobs", type=_positive, default=None, metavar="N",
                   help="worker processes (default: one per core); never changes the result")
    t.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    t.set_defaults(func=cmd_tournament)


def cmd_tournament(args) -> int:
    from ..tournament import default_jobs, parse_entries, run_tournament

    try:
        entries = parse_entries(args.bots, args.level)
    except ValueError as e:
        raise CliError(str(e)) from None
    engine = load_engine(args.content, args.scenario)  # fails early on a bad pack or scenario
    jobs = args.jobs or default_jobs()
    total = len(entries) ** 2 * args.games
    tick, stop = with_progress(total, "tournament", not args.json)
    try:
        result = run_tournament(entries, games=args.games, seed=args.seed, noise=args.noise,
                                content=args.content, scenario=args.scenario, turns=args.turns,
                                jobs=jobs, on_game=tick)
    finally:
        stop()
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, sort_keys=True) + "\n")
        return EXIT_OK
    _print_ranking(engine, result)
    return EXIT_OK


def _print_ranking(engine, result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    title = (f"Tournament — {engine.scenario.name.en}, {result['games']} games per pairing, "
             f"noise {result['noise']:g}")
    t = Table(title=title)
    t.add_column("rank", justify="right")
    t.add_column("bot", justify="left")
    t.add_column("mean final", justify="right")
    t.add_column("95% interval", justify="right")
    t.add_column("games", justify="right")
    for i, r in enumerate(result["ranking"], 1):
        lo, hi = r["ci95"]
        t.add_row(str(i), r["bot"], f"{r['mean']:.2f}", f"{lo:.2f} – {hi:.2f}", str(r["games"]))
    console.print(t)
    rk = result["ranking"]
    if len(rk) >= 2:
        clear = rk[0]["ci95"][0] > rk[1]["ci95"][1]
        verdict = "clear of" if clear else "overlaps"
        console.print(f"{rk[0]['bot']} ranks first; its interval {verdict} {rk[1]['bot']}'s.")
