"""``yalta report``, ``yalta replay`` and ``yalta counterfactual``: the debrief.

Damaged or foreign saves get one line on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import EXIT_INVALID, EXIT_OK, CliError, check_bot, cli_lang, help_text
from ..i18n import localize, t


def _fail(msg: str, code: int = EXIT_INVALID, lang: str = "en") -> int:
    print(t("cli.error", lang, msg=msg), file=sys.stderr)
    return code


def _warn(msg: str, lang: str = "en") -> None:
    print(t("cli.warning", lang, msg=localize(msg, lang)), file=sys.stderr)


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
    except SaveError as e:  # the save module's one line, in the output language
        return _fail(e.text(lang), lang=lang)
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
        return _fail(e.text(lang), lang=lang)
    if args.verify:
        v = verify(o.engine, o.doc, o.state)
        name = o.path.name
        if o.warning:
            print(localize(o.warning, lang), file=sys.stderr)
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
        return _fail(e.text(lang), lang=lang)
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


def register(sub, lang: str = "en") -> None:
    def h(key: str) -> str:
        return help_text(key, lang)

    r = sub.add_parser("report", help=h("report"), description=h("report_desc"))
    r.add_argument("saves", nargs="+", metavar="SAVE", help=h("report_saves"))
    r.add_argument("--format", choices=("md", "html", "json"), default=None,
                   help=h("report_format"))
    r.add_argument("-o", "--output", metavar="FILE", default=None, help=h("report_output"))
    r.add_argument("--compare", action="store_true", help=h("report_compare"))
    r.add_argument("--us", metavar="BOT", default=None, help=h("report_us"))
    r.add_argument("--cn", metavar="BOT", default=None, help=h("report_cn"))
    r.add_argument("--no-counterfactual", action="store_true", help=h("report_no_cf"))
    r.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=h("sub_lang"))
    r.set_defaults(func=cmd_report)

    p = sub.add_parser("replay", help=h("replay"), description=h("replay_desc"))
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--verify", action="store_true", help=h("replay_verify"))
    p.add_argument("--text", action="store_true", help=h("replay_text"))
    p.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=h("sub_lang"))
    p.set_defaults(func=cmd_replay)

    c = sub.add_parser("counterfactual", help=h("cf"), description=h("cf_desc"))
    c.add_argument("save", metavar="SAVE")
    g = c.add_mutually_exclusive_group(required=True)
    g.add_argument("--us", metavar="BOT", help=h("cf_us"))
    g.add_argument("--cn", metavar="BOT", help=h("cf_cn"))
    c.add_argument("--json", action="store_true", help=h("cf_json"))
    c.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=h("sub_lang"))
    c.set_defaults(func=cmd_counterfactual)
