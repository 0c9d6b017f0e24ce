"""``yalta report``, ``yalta replay`` and ``yalta counterfactual``: the debrief.

Damaged or foreign saves get one line on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import EXIT_INVALID, EXIT_OK, CliError, check_bot, cli_lang
from ..i18n import t


def _fail(msg: str, code: int = EXIT_INVALID, lang: str = "en") -> int:
    print(t("cli.error", lang, msg=msg), file=sys.stderr)
    return code


def _warn(msg: str, lang: str = "en") -> None:
    print(t("cli.warning", lang, msg=msg), file=sys.stderr)


def _open(path: str, lenient: bool = False):
    from ..report.load import open_save

    return open_save(Path(path), lenient=lenient)


def _write(text: str, out, lang: str = "en") -> None:
    if out:
        from ..saves import write_atomic

        try:
            write_atomic(Path(out), text.encode("utf-8"))
        except OSError as e:
            raise CliError.of("cannot_write", path=str(out), error=str(e.strerror or e)) from None
        print(t("cli.wrote", lang, path=out), file=sys.stderr)
    else:
        sys.stdout.write(text)


def _cf_choice(args):
    us, cn = getattr(args, "us", None), getattr(args, "cn", None)
    if us and cn:
        raise CliError.of("cf_not_both")
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

    lang = cli_lang(args)
    fmt = format_for(args.output, args.format)
    if len(args.saves) > 1 and not args.compare:
        raise CliError.of("compare_needed")
    side, bot = _cf_choice(args)
    try:
        opened = [_open(p) for p in args.saves]
    except SaveError as e:  # the save module's one line (English)
        return _fail(str(e), lang=lang)
    for o in opened:
        if o.warning:
            _warn(o.warning, lang)
    if args.compare:
        reports = [(o.path.stem, build_report(o, counterfactual=False, lang=lang)) for o in opened]
        rep = compare(reports, lang)
        for n in rep["notes"]:
            _warn(n, lang)
    else:
        rep = build_report(opened[0], counterfactual=not args.no_counterfactual,
                           cf_side=side, cf_bot=bot, lang=lang)
    _write(render(rep, fmt), args.output, lang)
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# replay

def cmd_replay(args) -> int:
    from ..report.replay import verify
    from ..saves import SaveError

    lang = cli_lang(args)
    try:
        o = _open(args.save, lenient=args.verify)
    except SaveError as e:
        return _fail(str(e), lang=lang)
    if args.verify:
        v = verify(o.engine, o.doc, o.state)
        name = o.path.name
        if o.warning:
            print(f"{o.warning}", file=sys.stderr)
        if v.ok and not o.warning:
            print(t("cli.verify_ok", lang, name=name, line=v.line(lang)))
            return EXIT_OK
        if v.ok:
            print(t("cli.verify_edited", lang, name=name, n=v.phases), file=sys.stderr)
            return EXIT_INVALID
        print(t("cli.verify_bad", lang, name=name, line=v.line(lang)), file=sys.stderr)
        return EXIT_INVALID
    if o.warning:
        _warn(o.warning, lang)
    from ..report.replay import frames

    fr = frames(o.engine, o.doc)
    if not fr:
        return _fail(t("cli.nothing_to_replay", lang, name=o.path.name), lang=lang)
    if args.text or not sys.stdout.isatty():
        from ..report.replay_app import frame_text

        for f in fr:
            sys.stdout.write(frame_text(o.engine, f, lang) + "\n\n")
        return EXIT_OK
    from ..report.replay_app import ReplayApp

    ReplayApp(o.engine, fr, title=o.path.name, lang=lang).run()
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# counterfactual

def cmd_counterfactual(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from rich.markup import escape

    from ..report import counterfactual as cfm
    from ..report.fingerprint import fingerprint
    from ..report.model import side_name
    from ..report.render_md import bot_name, comparison_head, comparison_rows
    from ..saves import SaveError

    lang = cli_lang(args)
    side, bot = _cf_choice(args)
    try:
        o = _open(args.save)
    except SaveError as e:
        return _fail(str(e), lang=lang)
    if o.warning:
        _warn(o.warning, lang)
    if not o.state.history:
        return _fail(t("cli.no_turn_yet", lang, name=o.path.name), lang=lang)
    fps = fingerprint(o.state.history, o.engine, o.state.noise)
    c = cfm.run(o.engine, o.doc, o.state, side, bot, fingerprint=fps)
    if args.json:
        import json

        sys.stdout.write(json.dumps(c, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        return EXIT_OK
    table = Table(title=escape(t("cli.cf_title", lang, name=o.path.name, seed=o.doc["seed"],
                                 bot=bot_name(c["bot"], lang), side=side_name(c["side"], lang))))
    head = comparison_head(c, lang)
    table.add_column(head[0])
    for h in head[1:]:
        table.add_column(escape(h.lower() if lang == "en" else h), justify="right")
    for row in comparison_rows(c, lang):
        table.add_row(*[escape(x) for x in row])
    con = Console()
    con.print(table)
    for s, b in c["stand_in"].items():
        who = side_name(s, lang)
        con.print(escape(t("cli.cf_stand_in", lang, side=who[:1].upper() + who[1:],
                           bot=bot_name(b, lang))))
    return EXIT_OK


# ---------------------------------------------------------------------------------------

LANGS = ("en", "zh-Hant", "zh-Hans")
_LANG_HELP = "language of the output (default: yalta --lang, then the locale)"


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
    r.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=_LANG_HELP)
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
    p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=_LANG_HELP)
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
    c.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=_LANG_HELP)
    c.set_defaults(func=cmd_counterfactual)
