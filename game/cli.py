"""The ``yalta`` command line.

Every sub-command calls the same engine functions as the TUI. Bad input gets a one-line
error naming what is wrong and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
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
    """A problem with what the user asked for: printed as one line, exit code 2.

    ``CliError("text")`` is printed as written; ``CliError.of(KEY, **fields)`` carries a
    ``cli.KEY`` text of ``game/ui_texts.yaml`` and is printed in the user's language."""

    def __init__(self, message: str = "", key: Optional[str] = None, **fields):
        super().__init__(message)
        self.key, self.fields = key, fields

    @classmethod
    def of(cls, key: str, **fields) -> "CliError":
        return cls(_t(f"cli.{key}", "en", **fields), key, **fields)

    def text(self, lang: str = "en") -> str:
        if self.key:
            return _t(f"cli.{self.key}", lang, **self.fields)
        from .i18n import localize

        return localize(self.args[0], lang) if self.args else ""


def _t(key: str, lang: str = "en", /, **fmt) -> str:
    from .i18n import t

    return t(key, lang, **fmt)


def cli_lang(args=None) -> str:
    """The language of the output: ``--lang`` (of the command or of ``yalta``), else the
    environment (LC_ALL, LC_MESSAGES, LANG), else the locale."""
    from .i18n import default_lang, norm_lang

    lang = (getattr(args, "check_lang", None) or getattr(args, "lang", None)) if args else None
    return norm_lang(lang) if lang else default_lang()


def _fail(msg: str, code: int = EXIT_USAGE, lang: str = "en") -> int:
    print(_t("cli.error", lang, msg=msg), file=sys.stderr)
    return code


# ---------------------------------------------------------------------------------------
# validate

def cmd_validate(args) -> int:
    from .content.loader import ContentError, builtin_packs_dir, list_packs, load_pack, problem_text
    from .content.i18n import missing_translations

    check = getattr(args, "check_lang", None)
    lang = cli_lang(args)

    targets = args.paths or [str(builtin_packs_dir() / p) for p in list_packs()]
    problems: list[str] = []
    ok_lines: list[str] = []
    for t in targets:
        try:
            pack = load_pack(t)
        except ContentError as e:
            problems += e.problems
            continue
        if check:
            problems += missing_translations(pack, check)
        ok_lines.append(_t("cli.validate_ok", lang, path=t, scenarios=len(pack.scenarios),
                           actions=len(pack.actions), events=len(pack.events),
                           offers=len(pack.offers)))
    for p in problems:  # FILE:LINE: what is wrong, in the output language
        print(problem_text(p, lang))
    if problems:
        print(_t("cli.problems_found", lang, n=len(problems)), file=sys.stderr)
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

    from . import docs_dir
    from .content.derive import derive_paths
    from .content.loader import builtin_packs_dir

    lang = cli_lang(args)
    paths = [Path(p) for p in args.paths] or [builtin_packs_dir(), docs_dir()]
    for p in paths:
        if not p.exists():
            raise CliError.of("no_such_path", path=str(p))
    try:
        done = derive_paths(paths)
    except RuntimeError as e:
        if "OpenCC" in str(e):  # the one thing that stops a derivation: OpenCC is missing
            raise CliError.of("needs_opencc") from None
        raise CliError(str(e)) from None
    for f, n in done.items():
        print(_t("cli.derived", lang, path=str(f), n=n))
    if not done:
        print(_t("cli.nothing_to_derive", lang))
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# simulate

def number_arg(convert, lo=None, hi=None, not_a: str = "not_number",
               out_of_range: str = "out_of_range"):
    """An argparse type: ``convert`` the text, then check it lies in [lo, hi].

    ``not_a`` and ``out_of_range`` name ``cli.arg.*`` texts, said in the language of the
    command line (``{text}`` is the user's text); a message with braces is used as written."""
    def say(spec: str, text: str) -> str:
        if "{" in spec:
            return spec.format(text=text)
        return _t(f"cli.arg.{spec}", _ARG_LANG[0], text=text)

    def check(text: str):
        try:
            v = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(say(not_a, text)) from None
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            raise argparse.ArgumentTypeError(say(out_of_range, text))
        return v
    return check


_prob = number_arg(float, 0.0, 1.0, out_of_range="not_probability")
_positive = number_arg(int, 1, None, "not_whole", "at_least_1")
_seed = number_arg(int, 0, 2**63 - 1, "not_whole", "not_seed")


def load_engine(content: str, scenario: Optional[str]):
    """The engine for a pack and scenario, or a CliError/ContentError saying what is wrong."""
    from .content.loader import load_pack
    from .engine import Engine

    pack = load_pack(content)
    if scenario and scenario not in pack.scenarios:
        raise CliError.of("no_scenario", scenario=repr(scenario), pack=repr(pack.id),
                          known=", ".join(sorted(pack.scenarios)))
    return Engine(pack, scenario)


def check_bot(name: str) -> str:
    from .bots import ALIASES, REGISTRY

    key = ALIASES.get(name.lower(), name.lower())
    if key not in REGISTRY:
        raise CliError.of("unknown_bot", name=repr(name), known=", ".join(REGISTRY))
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
    from .sim import Batch, batch_engine, default_jobs, game_seeds, play_batch, summarise, timing_summary

    us, cn = check_bot(args.us), check_bot(args.cn)
    engine = batch_engine(args.content, args.scenario)  # fails early on a bad pack or scenario
    seeds = game_seeds(args.seed, args.games)
    batch = Batch(args.content, args.scenario, us, cn, turns=args.turns, noise=args.noise,
                  level=args.level, timed=args.timing, save=args.save)
    tick, stop = with_progress(len(seeds), f"{us} vs {cn}", not args.json)
    try:
        played = play_batch(batch, seeds, jobs=args.jobs or default_jobs(), on_game=tick)
    finally:
        stop()
    problems = [p for _, _, p in played if p]
    if problems:
        raise CliError(problems[0])
    games = [g for g, _, _ in played]
    summary = summarise(games)
    summary.update({"us_bot": us, "cn_bot": cn, "pack": engine.pack.id,
                    "scenario": engine.scenario.id, "seed": args.seed, "noise": args.noise})
    if args.timing:  # wall-clock figures: only on request, so plain output stays reproducible
        summary["timing"] = timing_summary([t for _, t, _ in played])
    if args.json:
        sys.stdout.write(json.dumps({"games": games, "summary": summary}, ensure_ascii=False,
                                    sort_keys=True) + "\n")
        return EXIT_OK
    _print_simulation(engine, games, summary, cli_lang(args))
    return EXIT_OK


def _print_simulation(engine, games: list, summary: dict, lang: str = "en") -> None:
    from rich.cells import cell_len
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from . import narrate
    from .engine.state import LADDER
    from .i18n import bot_label

    def bot(name: str) -> str:
        return name if lang == "en" else bot_label(name, lang)

    def ending(e) -> str:
        return narrate.ending_name(e, lang) if e else _t("cli.in_progress", lang)

    def rung(name: str) -> str:
        return narrate.ladder_name(LADDER.index(name), lang) if name in LADDER else str(name)

    console = Console()
    title = _t("cli.sim_title", lang, us=bot(summary["us_bot"]), cn=bot(summary["cn_bot"]),
               scenario=engine.scenario.name.get(lang), noise=summary["noise"])
    shown = games if len(games) <= 20 else games[:10]
    cells = {
        "seed": ("right", lambda g: str(g["seed"])),
        "outcome": ("left", lambda g: ending(g["outcome"])),
        "turns": ("right", lambda g: str(g["turns"])),
        "national_us": ("right", lambda g: f"{g['national']['us']:.1f}"),
        "national_cn": ("right", lambda g: f"{g['national']['cn']:.1f}"),
        "welfare": ("right", lambda g: f"{g['welfare']:.1f}"),
        "trust": ("right", lambda g: f"{g['trust']:.0f}"),
        "escalation": ("left", lambda g: rung(g["escalation"])),
        "coop_us": ("right", lambda g: f"{g['cooperation']['us']:.0%}"),
        "coop_cn": ("right", lambda g: f"{g['cooperation']['cn']:.0%}"),
    }

    def table(cols: list, split: bool = False, **style) -> Table:
        """The table of ``cols``; ``split`` puts each header's words on lines of their own."""
        t = Table(title=escape(title), show_lines=False, **style)
        rows = [[cells[col][1](g) for col in cols] for g in shown]
        for k, col in enumerate(cols):  # a column is never narrower than its widest value:
            just, _ = cells[col]  # when space is short, the headers wrap instead
            head = _t(f"cli.col_{col}", lang)
            t.add_column(head.replace(" ", "\n") if split else head, justify=just,
                         min_width=max((cell_len(r[k]) for r in rows), default=1))
        for r in rows:
            t.add_row(*r)
        if len(games) > len(shown):
            t.add_row("…", _t("cli.more_games", lang, n=len(games) - len(shown)),
                      *[""] * (len(cols) - 2))
        return t

    def fits(t: Table) -> bool:
        return console.measure(t, options=console.options.update_width(10_000)).maximum <= console.width

    t = table(list(cells))
    left_out = None
    if not fits(t):  # a narrow terminal: a plainer frame, then without trust and
        from rich import box  # escalation (a line below says so)

        plain = {"split": True, "box": box.SIMPLE_HEAD, "pad_edge": False,
                 "collapse_padding": True, "show_edge": False}
        t = table(list(cells), **plain)
        if not fits(t):
            left_out = ("trust", "escalation")
            t = table([c for c in cells if c not in left_out], **plain)
    console.print(t)
    if left_out:
        console.print(escape(_t("cli.sim_narrow", lang)), style="dim")
    outs = _t("cli.list_sep", lang).join(f"{ending(k if k != 'None' else None)} {v}"
                                         for k, v in summary["outcomes"].items())
    head = _t("cli.sim_games", lang, n=summary["games"])
    rest = _t("cli.sim_summary", lang, us=summary["national_us"], cn=summary["national_cn"],
              welfare=summary["welfare"], coop_us=summary["cooperation_us"],
              coop_cn=summary["cooperation_cn"])
    console.print(f"[bold]{escape(head)}[/]{escape(rest)}")
    console.print(escape(_t("cli.sim_outcomes", lang, list=outs)))


# ---------------------------------------------------------------------------------------
# the parser

def argv_lang(argv: Optional[list[str]]) -> str:
    """The language a command line asks for (``--lang L`` anywhere in it), else the
    environment's: for the help texts, which are written before the line is parsed."""
    from .i18n import LANGS, default_lang

    argv = sys.argv[1:] if argv is None else argv
    for i, a in enumerate(argv):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if a.startswith("--lang=") and a[7:] in LANGS:
            return a[7:]
    return default_lang()


# argparse's own words, by message id (as in its gettext catalogue), in ``cli.argparse.*``
ARGPARSE_TEXTS = {
    "usage: ": "usage",
    "argument %(argument_name)s: %(message)s": "argument",
    "positional arguments": "positional",
    "options": "options",
    "optional arguments": "options",
    "unrecognized arguments: %s": "unrecognized",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "can't open '%(filename)s': %(error)s": "cant_open",
    "expected one argument": "expected_one",
    "expected at most one argument": "expected_at_most_one",
    "expected at least one argument": "expected_at_least_one",
    "expected %s argument": "expected_n",
    "expected %s arguments": "expected_n",
    "invalid %(type)s value: %(value)r": "invalid_type",
    "%(prog)s: error: %(message)s\n": "error",
    "show this help message and exit": "help",
    "show program's version number and exit": "version",
    "the following arguments are required: %s": "required",
    "one of the arguments %s is required": "one_required",
    "not allowed with argument %s": "not_allowed_with",
    "ignored explicit argument %r": "ignored_explicit",
    "unexpected option string: %s": "unexpected_option",
}
_ARG_LANG = ["en"]  # the language argparse and number_arg speak while a command line is parsed


def argparse_gettext(lang: str) -> Callable[[str], str]:
    """A gettext for argparse's messages in ``lang`` (unknown ones stay as they are)."""
    def gettext(message: str) -> str:
        key = ARGPARSE_TEXTS.get(message)
        if key is None or lang == "en":
            return message
        sub = "cli.help.version" if key == "version" else f"cli.argparse.{key}"
        return _t(sub, lang)
    return gettext


class argparse_language:
    """Within it, argparse (its module-level ``_`` and ``ngettext``) and ``number_arg`` speak
    ``lang``; the English originals are back afterwards."""

    def __init__(self, lang: str):
        from .i18n import norm_lang

        self.lang = norm_lang(lang)

    def __enter__(self):
        self.saved = (argparse._, argparse.ngettext, _ARG_LANG[0])
        if self.lang != "en":
            gettext = argparse_gettext(self.lang)
            argparse._ = gettext
            argparse.ngettext = lambda one, many, n: gettext(one if n == 1 else many)
        _ARG_LANG[0] = self.lang
        return self

    def __exit__(self, *exc):
        argparse._, argparse.ngettext, _ARG_LANG[0] = self.saved
        return False


def _cell_len(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_NO_LINE_START = set("，。、；：！？）」』”’】》〉…,.;:!?)")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"  # CJK characters and full-width forms
_WIDE_HEADING = re.compile(rf"(?m)^(\s*\S*[{_WIDE}]):$")
_WRAP_TOKEN = re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+")


def wrap_wide(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal cells: Chinese may break between any two
    characters (never before closing punctuation), other words at spaces."""
    tokens = _WRAP_TOKEN.findall(" ".join(text.split()))
    lines, cur, used = [], "", 0
    for tok in tokens:
        w = _cell_len(tok)
        if tok.isspace():
            if cur and used + w <= width:
                cur, used = cur + " ", used + w
            elif cur:
                lines.append(cur.rstrip())
                cur, used = "", 0
            continue
        if used + w > width and cur.strip() and tok[0] not in _NO_LINE_START:
            lines.append(cur.rstrip())
            cur, used = "", 0
        cur, used = cur + tok, used + w
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


class WideHelpFormatter(argparse.HelpFormatter):
    """argparse's help, wrapped by terminal cells so Chinese lines up; English is unchanged."""

    def _split_lines(self, text, width):
        if _cell_len(text) == len(text):
            return super()._split_lines(text, width)
        return wrap_wide(text, width)

    def _fill_text(self, text, width, indent):
        # descriptions come from help_text, which escapes % for help lines; argparse does not
        # %-format descriptions, so the escape is taken back here
        text = text.replace("%%", "%")
        if _cell_len(text) == len(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap_wide(text, width))

    def _format_usage(self, usage, actions, groups, prefix):
        if prefix is None:
            prefix = argparse._("usage: ")
        wide = _cell_len(prefix)
        if wide == len(prefix):
            return super()._format_usage(usage, actions, groups, prefix)
        # lay the usage out for a prefix as wide as the real one, then put the real one in
        stand_in = "\0" * wide
        return super()._format_usage(usage, actions, groups, stand_in).replace(stand_in, prefix, 1)

    def format_help(self):
        text = super().format_help()
        return _WIDE_HEADING.sub(r"\1：", text)


class YaltaParser(argparse.ArgumentParser):
    """The parser of ``yalta`` and its commands: help wrapped by terminal cells."""

    def __init__(self, *args, formatter_class=WideHelpFormatter, **kwargs):
        super().__init__(*args, formatter_class=formatter_class, **kwargs)


def help_text(key: str, lang: str = "en", /, **fmt) -> str:
    """``cli.help.KEY`` in ``lang``, ready for argparse (``%`` escaped)."""
    return _t(f"cli.help.{key}", lang, **fmt).replace("%", "%%")


def build_parser(lang: Optional[str] = None) -> argparse.ArgumentParser:
    """The ``yalta`` parser; its help texts in ``lang``. argparse's own words follow the
    language installed around it (``argparse_language``; ``main`` does that)."""
    from .i18n import norm_lang

    lang = norm_lang(lang) if lang else "en"

    def h(key: str) -> str:
        return help_text(key, lang)

    p = YaltaParser(prog="yalta", description=h("yalta"))
    p.add_argument("--version", action="version", version=f"New Yalta {__version__}",
                   help=h("version"))
    p.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=None, help=h("lang"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    v = sub.add_parser("validate", help=h("validate"), description=h("validate_desc"))
    v.add_argument("paths", nargs="*", metavar="PATH", help=h("validate_paths"))
    # its own --lang also checks the translations; yalta --lang only sets the output language
    v.add_argument("--lang", dest="check_lang", choices=("en", "zh-Hant", "zh-Hans"),
                   help=h("validate_lang"))
    v.add_argument("-q", "--quiet", action="store_true", help=h("validate_quiet"))
    v.set_defaults(func=cmd_validate)

    j = sub.add_parser("schema", help=h("schema"))
    j.add_argument("-o", "--output", metavar="FILE", help=h("schema_output"))
    j.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=argparse.SUPPRESS,
                   help=h("sub_lang"))
    j.set_defaults(func=cmd_schema)

    d = sub.add_parser("derive-hans", help=h("derive"), description=h("derive_desc"))
    d.add_argument("paths", nargs="*", metavar="PATH", help=h("derive_paths"))
    d.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=argparse.SUPPRESS,
                   help=h("sub_lang"))
    d.set_defaults(func=cmd_derive_hans)

    s = sub.add_parser("simulate", help=h("simulate"), description=h("simulate_desc"))
    s.add_argument("--us", required=True, metavar="BOT", help=h("sim_us"))
    s.add_argument("--cn", required=True, metavar="BOT", help=h("sim_cn"))
    s.add_argument("--games", type=_positive, default=1, metavar="N", help=h("sim_games"))
    s.add_argument("--turns", type=_positive, default=None, metavar="T", help=h("sim_turns"))
    s.add_argument("--seed", type=_seed, default=1, metavar="S", help=h("sim_seed"))
    s.add_argument("--content", default="default", metavar="PACK_OR_PATH", help=h("sim_content"))
    s.add_argument("--scenario", default=None, metavar="ID", help=h("sim_scenario"))
    s.add_argument("--noise", type=_prob, default=0.0, metavar="P", help=h("sim_noise"))
    s.add_argument("--json", action="store_true", help=h("sim_json"))
    s.add_argument("--level", choices=("easy", "normal", "hard"), default="normal",
                   help=h("sim_level"))
    s.add_argument("--timing", action="store_true", help=h("sim_timing"))
    s.add_argument("--save", metavar="DIR", default=None, help=h("sim_save"))
    s.add_argument("--jobs", type=_positive, default=None, metavar="N", help=h("sim_jobs"))
    s.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=argparse.SUPPRESS,
                   help=h("sub_lang"))
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
        _register(mod, sub, lang)
    return p


def _register(mod, sub, lang: str) -> None:
    """``register(sub, lang)``, or ``register(sub)`` for a module without help in other
    languages."""
    import inspect

    try:
        takes_lang = len(inspect.signature(mod.register).parameters) > 1
    except (TypeError, ValueError):  # pragma: no cover - not introspectable
        takes_lang = False
    if takes_lang:
        mod.register(sub, lang)
    else:
        mod.register(sub)


def main(argv: Optional[list[str]] = None) -> int:
    from .content.loader import ContentError, problem_text

    with argparse_language(argv_lang(argv)) as speaking:
        parser = build_parser(speaking.lang)
        args = parser.parse_args(argv)
    if args.command is None:
        try:
            from .tui.app import run_app
        except ImportError:
            with argparse_language(argv_lang(argv)):
                parser.print_help()
            return EXIT_OK
        return run_app(lang=args.lang)
    lang = cli_lang(args)
    try:
        return args.func(args)
    except CliError as e:
        return _fail(e.text(lang), lang=lang)
    except ContentError as e:  # FILE:LINE: problems, in the output language
        if len(e.problems) == 1:
            return _fail(problem_text(e.problems[0], lang), EXIT_INVALID, lang)
        for line in e.problems:
            print(problem_text(line, lang), file=sys.stderr)
        return _fail(_t("cli.content_problems", lang, n=len(e.problems)), EXIT_INVALID, lang)
    except KeyboardInterrupt:
        return _fail(_t("cli.interrupted", lang), 130, lang)
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
