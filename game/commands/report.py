"""``yalta report``, ``yalta replay`` and ``yalta counterfactual``: the debrief.

Damaged or foreign saves get one line on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..cli import EXIT_INVALID, EXIT_OK, CliError, check_bot


def _fail(msg: str, code: int = EXIT_INVALID) -> int:
    print(f"yalta: error: {msg}", file=sys.stderr)
    return code


def _open(path: str, lenient: bool = False):
    from ..report.load import open_save

    return open_save(Path(path), lenient=lenient)


def _write(text: str, out) -> None:
    if out:
        from ..saves import write_atomic

        try:
            write_atomic(Path(out), text.encode("utf-8"))
        except OSError as e:
            raise CliError(f"cannot write {out}: {e.strerror or e}") from None
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def _cf_choice(args):
    us, cn = getattr(args, "us", None), getattr(args, "cn", None)
    if us and cn:
        raise CliError("give --us or --cn for the counterfactual, not both")
    if us:
        return "us", check_bot(us)
    if cn:
        return "cn", check_bot(cn)
    return None, None


# ---------------------------------------------------------------------------------------
# report

def cmd_report(args) -> int:
    from ..report import build_report, compare, format_for, render
    from ..saves import SaveError

    fmt = format_for(args.output, args.format)
    if len(args.saves) > 1 and not args.compare:
        raise CliError("several saves make one class report only with --compare")
    side, bot = _cf_choice(args)
    try:
        opened = [_open(p) for p in args.saves]
    except SaveError as e:
        return _fail(str(e))
    for o in opened:
        if o.warning:
            print(f"yalta: warning: {o.warning}", file=sys.stderr)
    if args.compare:
        reports = [(o.path.stem, build_report(o, counterfactual=False)) for o in opened]
        rep = compare(reports)
        for n in rep["notes"]:
            print(f"yalta: warning: {n}", file=sys.stderr)
    else:
        rep = build_report(opened[0], counterfactual=not args.no_counterfactual,
                           cf_side=side, cf_bot=bot)
    _write(render(rep, fmt), args.output)
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# replay

def cmd_replay(args) -> int:
    from ..report.replay import verify
    from ..saves import SaveError

    try:
        o = _open(args.save, lenient=args.verify)
    except SaveError as e:
        return _fail(str(e))
    if args.verify:
        v = verify(o.engine, o.doc, o.state)
        name = o.path.name
        if o.warning:
            print(f"{o.warning}", file=sys.stderr)
        if v.ok and not o.warning:
            print(f"{name}: ok: {v.line()}")
            return EXIT_OK
        if v.ok:
            print(f"{name}: the game itself replays exactly ({v.phases} phases), but the file "
                  "was edited", file=sys.stderr)
            return EXIT_INVALID
        print(f"{name}: {v.line()}", file=sys.stderr)
        return EXIT_INVALID
    if o.warning:
        print(f"yalta: warning: {o.warning}", file=sys.stderr)
    from ..report.replay import frames

    fr = frames(o.engine, o.doc)
    if not fr:
        return _fail(f"{o.path.name}: nothing to replay yet (no phase has been played)")
    if args.text or not sys.stdout.isatty():
        from ..report.replay_app import frame_text

        for f in fr:
            sys.stdout.write(frame_text(o.engine, f) + "\n\n")
        return EXIT_OK
    from ..report.replay_app import ReplayApp

    ReplayApp(o.engine, fr, title=o.path.name).run()
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# counterfactual

def cmd_counterfactual(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from ..report import counterfactual as cfm
    from ..report.fingerprint import fingerprint
    from ..report.render_md import comparison_rows
    from ..saves import SaveError

    side, bot = _cf_choice(args)
    try:
        o = _open(args.save)
    except SaveError as e:
        return _fail(str(e))
    if o.warning:
        print(f"yalta: warning: {o.warning}", file=sys.stderr)
    if not o.state.history:
        return _fail(f"{o.path.name}: no turn has been played yet")
    fps = fingerprint(o.state.history, o.engine, o.state.noise)
    c = cfm.run(o.engine, o.doc, o.state, side, bot, fingerprint=fps)
    if args.json:
        import json

        sys.stdout.write(json.dumps(c, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        return EXIT_OK
    who = {"us": "the United States", "cn": "China"}[c["side"]]
    t = Table(title=f"{o.path.name}: seed {o.doc['seed']} replayed with {c['bot']} as {who}")
    t.add_column("")
    t.add_column("as played", justify="right")
    t.add_column(f"with {c['bot']}", justify="right")
    t.add_column("difference", justify="right")
    for row in comparison_rows(c):
        t.add_row(*row)
    con = Console()
    con.print(t)
    for s, b in c["stand_in"].items():
        con.print(f"{'The United States' if s == 'us' else 'China'} was played by a person; "
                  f"the replay stands in {b}, the personality its play looked most like.")
    return EXIT_OK


# ---------------------------------------------------------------------------------------

def register(sub) -> None:
    r = sub.add_parser(
        "report", help="the after-action report of a saved game (md, html or json)",
        description="Write the debrief of a save: setup, timeline with every change and its "
                    "reason, charts, the cooperate/compete matrix, deals kept and broken, each "
                    "side's strategy fingerprint and a counterfactual. With --compare, one "
                    "report for a class whose tables played the same scenario.")
    r.add_argument("saves", nargs="+", metavar="SAVE", help="save file(s)")
    r.add_argument("--format", choices=("md", "html", "json"), default=None,
                   help="output format (default: from -o's suffix, else md)")
    r.add_argument("-o", "--output", metavar="FILE", default=None, help="write to FILE")
    r.add_argument("--compare", action="store_true", help="one class report for several saves")
    r.add_argument("--us", metavar="BOT", default=None,
                   help="counterfactual: this bot in the United States' seat")
    r.add_argument("--cn", metavar="BOT", default=None, help="counterfactual: this bot in China's seat")
    r.add_argument("--no-counterfactual", action="store_true", help="leave the counterfactual out")
    r.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "replay", help="step through a saved game phase by phase, or --verify it",
        description="Step through a save phase by phase (left/right, home/end, q). --verify "
                    "replays the order log from the seed and checks every recorded phase and "
                    "the final state: exit 0 when all agree, else 1 naming the first turn and "
                    "phase that diverge.")
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--verify", action="store_true", help="check the save against its replay")
    p.add_argument("--text", action="store_true", help="print every phase instead of the viewer")
    p.set_defaults(func=cmd_replay)

    c = sub.add_parser(
        "counterfactual", help="the same seed replayed with another bot in one seat",
        description="Replay a save's seed with BOT in one seat and compare, side by side. The "
                    "other seat keeps its bot; a human seat is stood in for by the personality "
                    "its play looked most like.")
    c.add_argument("save", metavar="SAVE")
    g = c.add_mutually_exclusive_group(required=True)
    g.add_argument("--us", metavar="BOT", help="the bot in the United States' seat")
    g.add_argument("--cn", metavar="BOT", help="the bot in China's seat")
    c.add_argument("--json", action="store_true", help="print JSON instead of a table")
    c.set_defaults(func=cmd_counterfactual)
