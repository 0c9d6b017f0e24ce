"""Networked play and the seminar: ``yalta host``, ``join``, ``facilitate``, ``watch``,
``serve`` and ``briefing``."""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import signal
import sys
from pathlib import Path

from ..cli import EXIT_OK, CliError, _positive, _prob, _seed, check_bot, load_engine, number_arg

DEFAULT_WEB_PORT = 8000
ADMIN_OPS = ("list", "pause", "resume", "timer", "inject", "reveal", "step", "end", "export",
             "events")


def _addr(text: str) -> str:
    from ..net.protocol import parse_addr

    try:
        parse_addr(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


_port = number_arg(int, 0, 65535, "{text!r} is not a port number",
                   "{text} is not a port number (0 to 65535)")
_seconds = number_arg(float, 5, 86400, "{text!r} is not a number of seconds",
                      "{text} is not between 5 and 86400 seconds")


# ---------------------------------------------------------------------------------------
# host

def cmd_host(args) -> int:
    from ..net.server import DEFAULT_PORT, GameServer
    from ..net.store import StoreError, TableStore, default_state_dir

    store = TableStore(args.state_dir or default_state_dir())
    resumed = False
    try:
        if args.fresh:
            moved = store.archive()
            if moved:
                print(f"yalta: the old server's files are in {moved}", file=sys.stderr)
        if store.exists():
            srv = GameServer.resume(store, host=args.bind, port=args.port)
            resumed = True
            ignored = [f"--{k}" for k in ("tables", "seed", "scenario", "turns", "noise")
                       if getattr(args, k) is not None]
            if args.content != "default":
                ignored.append("--content")
            if ignored:
                print(f"yalta: resuming the tables in {store.root}; ignoring {', '.join(ignored)} "
                      f"(use --fresh to start new tables)", file=sys.stderr)
        else:
            engine = load_engine(args.content, args.scenario)
            seed = args.seed if args.seed is not None else secrets.randbelow(2**62)
            srv = GameServer.create(engine, args.tables or 1, seed, turns=args.turns,
                                    noise=args.noise or 0.0, store=store,
                                    host=args.bind or "127.0.0.1",
                                    port=DEFAULT_PORT if args.port is None else args.port,
                                    timer=args.timer, content=args.content)
    except StoreError as e:
        raise CliError(str(e)) from None
    if args.timer and resumed:
        for t in srv.tables.values():
            t.set_timer(args.timer)
    try:
        return asyncio.run(_host(srv, resumed))
    except OSError as e:
        raise CliError(f"cannot listen on {srv.host}:{srv.port}: {e.strerror or e}") from None


async def _host(srv, resumed: bool) -> int:
    await srv.start()
    sys.stdout.write(json.dumps(srv.codes_line(), ensure_ascii=False) + "\n")
    host = srv.host if ":" not in srv.host else f"[{srv.host}]"
    addr = f"{host}:{srv.port}"
    lines = [("Resumed" if resumed else "Hosting") + f" {len(srv.tables)} table(s) of "
             f"{srv.meta.get('scenario')} ({srv.meta.get('pack')}) on {addr}"]
    if srv.host not in ("127.0.0.1", "localhost", "::1"):
        lines.append(f"  Listening on {srv.host}: anyone who can reach this machine and holds a "
                     "code can join.")
    lines.append(f"  Facilitator: yalta facilitate {addr} --code {srv.admin}")
    for t in srv.tables.values():
        st = t.state
        lines.append(f"  Table {t.id}: United States {t.codes['us']}  China {t.codes['cn']}  "
                     f"projector {t.codes['watch']}  (turn {st.turn}/{st.turns}, {st.phase})")
    lines.append(f"  Players: yalta join {addr} --code CODE   Projector: yalta watch {addr} "
                 "--code CODE")
    lines.append(f"  Tables are saved in {srv.store.root if srv.store else '(nowhere)'} after "
                 "every phase. Ctrl+C stops the server; run the same command to resume.")
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - not on this platform
            pass
    await stop.wait()
    await srv.close()
    print("Server stopped; every table is saved.", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# join

def cmd_join(args) -> int:
    from ..net.client import JoinError

    if args.bot:
        from ..net.bot_client import play_seat

        bot = check_bot(args.bot)
        if not args.code:
            raise CliError("a bot needs the seat's code: --code CODE")
        try:
            summary = asyncio.run(play_seat(args.address, args.code, bot, bot_seed=args.bot_seed,
                                            level=args.level, retry_for=args.retry))
        except JoinError as e:
            raise CliError(f"{args.address}: {e}") from None
        except ConnectionError as e:
            raise CliError(str(e)) from None
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, sort_keys=True) + "\n")
        return EXIT_OK
    from ..net.client_app import run_join

    return run_join(args.address, args.code, lang=args.lang)


# ---------------------------------------------------------------------------------------
# facilitate

def cmd_facilitate(args) -> int:
    from ..net.client import JoinError

    args.op, args.rest = (args.words[0], args.words[1:]) if args.words else (None, [])
    if args.op is not None and args.op not in ADMIN_OPS:
        raise CliError(f"unknown operation {args.op!r} (known: {', '.join(ADMIN_OPS)})")
    if not args.op:
        from ..net.facilitator import run_console

        return run_console(args.address, args.code)
    try:
        return asyncio.run(_admin_op(args))
    except JoinError as e:
        raise CliError(f"{args.address}: {e}") from None
    except OSError as e:
        raise CliError(f"cannot reach {args.address}: {e.strerror or e}") from None


def _need(args, n: int, usage: str) -> list:
    if len(args.rest) < n:
        raise CliError(f"usage: yalta facilitate ADDR --code CODE {usage}")
    return args.rest


def _table_arg(x: str):
    return None if x.lower() == "all" else x


async def _admin_op(args) -> int:
    from ..net.client import admin_call

    op, rest = args.op, args.rest
    if op == "list":
        msg = {"type": "tables"}
    elif op in ("pause", "resume"):
        msg = {"type": op, "table": _table_arg(rest[0]) if rest else None}
    elif op == "timer":
        _need(args, 2, "timer TABLE|all SECONDS|off")
        secs = None if rest[1].lower() in ("off", "none", "0") else float(rest[1])
        msg = {"type": "timer", "table": _table_arg(rest[0]), "seconds": secs}
    elif op == "inject":
        _need(args, 2, "inject TABLE EVENT")
        msg = {"type": "inject", "table": rest[0], "event": rest[1]}
    elif op in ("reveal", "step"):
        _need(args, 1, f"{op} TABLE")
        msg = {"type": op, "table": rest[0]}
    elif op == "end":
        _need(args, 1, "end TABLE [now|after_turn]")
        msg = {"type": "end", "table": rest[0], "when": rest[1] if len(rest) > 1 else "now"}
    elif op == "export":
        msg = {"type": "export"}
    elif op == "events":
        from ..net.client import Client, JoinError
        from ..net.facilitator import event_choices

        c = Client(args.address, args.code)
        welcome = await c.open()
        await c.close()
        if welcome.get("role") != "admin":
            raise JoinError("not_admin", "that code is not the facilitator's")
        for eid, name, era in event_choices(welcome.get("pack") or "default", welcome.get("scenario")):
            print(f"{eid}\t{era}\t{name}")
        return EXIT_OK
    else:  # pragma: no cover - argparse checks the choices
        raise CliError(f"unknown operation {op!r}")
    reply = await admin_call(args.address, args.code, msg, timeout=60)
    if reply.get("type") == "error":
        raise CliError(reply.get("message", "refused"))
    if op == "export":
        out = Path(rest[0] if rest else "yalta-export")
        written = export_tables(reply["tables"], out)
        for p in written:
            print(p)
        return EXIT_OK
    reply.pop("id", None)
    print(json.dumps(reply, ensure_ascii=False, sort_keys=True))
    return EXIT_OK


def export_tables(tables: list, out: Path) -> list[Path]:
    """Write each table's save (loadable by the game), its summary, and its after-action
    report when the report module is there."""
    from ..saves import write_atomic

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for rec in tables:
        tid = "".join(ch for ch in str(rec["id"]) if ch.isalnum() or ch in "-_") or "table"
        save = out / f"table-{tid}.json"
        write_atomic(save, json.dumps(rec["save"], ensure_ascii=False, sort_keys=True,
                                      separators=(",", ":")).encode("utf-8"))
        written.append(save)
        summ = out / f"table-{tid}-summary.json"
        write_atomic(summ, (json.dumps(rec["summary"], ensure_ascii=False, sort_keys=True,
                                       indent=1) + "\n").encode("utf-8"))
        written.append(summ)
        report = _report(save, out / f"table-{tid}-report")
        if report:
            written.append(report)
    return written


def _report(save: Path, stem: Path):
    """The after-action report of a saved table (HTML), or None if it cannot be built."""
    from ..report import export

    try:
        return export(save, stem.with_suffix(".html"), "html")
    except Exception:  # one table's report must not stop the export of the others
        return None


# ---------------------------------------------------------------------------------------
# watch, serve, briefing

def cmd_watch(args) -> int:
    from ..net.client import JoinError

    if args.once:
        from ..net.watch_app import print_once
        try:
            return asyncio.run(print_once(args.address, args.code, lang=args.lang or "en"))
        except JoinError as e:
            raise CliError(f"{args.address}: {e}") from None
        except OSError as e:
            raise CliError(f"cannot reach {args.address}: {e.strerror or e}") from None
    from ..net.watch_app import run_watch

    return run_watch(args.address, args.code, lang=args.lang)


def cmd_serve(args) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        raise CliError("yalta serve needs textual-serve: pip install textual-serve") from None
    cmd = [sys.executable, "-m", "game"]
    if args.lang:
        cmd += ["--lang", args.lang]
    if args.join:
        cmd += ["join", args.join]
    import shlex

    command = " ".join(shlex.quote(c) for c in cmd)
    public = args.public_url or f"http://{args.bind if ':' not in args.bind else '[' + args.bind + ']'}:{args.port}"
    print(f"Serving New Yalta to browsers on {public} (Ctrl+C stops)", flush=True)
    server = Server(command, host=args.bind, port=args.port, title="New Yalta",
                    public_url=public)
    server.serve()
    return EXIT_OK


def cmd_briefing(args) -> int:
    from ..briefing import briefing
    from ..content.loader import load_pack

    pack = load_pack(args.content)
    if args.scenario and args.scenario not in pack.scenarios:
        raise CliError(f"no scenario {args.scenario!r} in pack {pack.id!r} "
                       f"(known: {', '.join(sorted(pack.scenarios))})")
    text = briefing(pack, args.side, args.scenario, lang=args.lang or "en", fmt=args.format)
    if args.output:
        from ..saves import write_atomic

        write_atomic(Path(args.output), text.encode("utf-8"))
        print(args.output)
    else:
        sys.stdout.write(text)
    return EXIT_OK


# ---------------------------------------------------------------------------------------

class _Intermixed(argparse.ArgumentParser):
    """Lets the operation's words come after options: ``facilitate ADDR --code X pause 2``."""

    _inner = False

    def parse_known_args(self, args=None, namespace=None):
        if self._inner:
            return super().parse_known_args(args, namespace)
        self._inner = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inner = False


def register(sub) -> None:
    h = sub.add_parser(
        "host", help="run a game server for networked play and seminars",
        description="Run an authoritative game server. The first line on stdout is one JSON "
                    "object with the codes: {\"port\", \"admin\", \"tables\": [{\"id\", \"us\", "
                    "\"cn\", \"watch\"}]}; then a summary for people. Tables are saved after "
                    "every phase in --state-dir; run the command again to resume them.")
    h.add_argument("--bind", default=None, metavar="ADDR",
                   help="address to listen on (default 127.0.0.1: this machine only; "
                        "0.0.0.0 for a classroom network)")
    h.add_argument("--port", type=_port, default=None, metavar="P",
                   help="port (default 8750; 0 picks a free one, printed)")
    h.add_argument("--tables", type=_positive, default=None, metavar="N", help="tables (default 1)")
    h.add_argument("--seed", type=_seed, default=None, metavar="S",
                   help="seed of table 1; later tables use the seeds `yalta simulate --games N` "
                        "would (default: random)")
    h.add_argument("--scenario", default=None, metavar="ID", help="scenario id")
    h.add_argument("--content", default="default", metavar="PACK", help="content pack (default: default)")
    h.add_argument("--turns", type=_positive, default=None, metavar="T", help="turns per game")
    h.add_argument("--noise", type=_prob, default=None, metavar="P", help="attribution fog, 0 to 1")
    h.add_argument("--timer", type=_seconds, default=None, metavar="SECONDS",
                   help="phase timer for every table (default: none)")
    h.add_argument("--state-dir", default=None, metavar="DIR",
                   help="where tables are saved (default: saves/server)")
    h.add_argument("--fresh", action="store_true",
                   help="start new tables even if --state-dir holds a server (the old files are "
                        "moved aside, not deleted)")
    h.set_defaults(func=cmd_host)

    j = sub.add_parser(
        "join", help="take a seat at a networked table (the game's screens, or a bot)",
        description="Take the seat a code opens. Without --bot, the game opens for that seat. "
                    "With --bot NAME a bot plays the seat headless and prints the game's JSON "
                    "object at the end (the keys of one game of `yalta simulate --json`).")
    j.add_argument("address", type=_addr, metavar="HOST:PORT")
    j.add_argument("--code", default=None, metavar="CODE", help="the seat's code (asked for if missing)")
    j.add_argument("--bot", default=None, metavar="NAME", help="let a bot play the seat")
    j.add_argument("--bot-seed", type=_seed, default=None, metavar="S",
                   help="the bot's seed (the game's seed makes it play as in `yalta simulate`; "
                        "default: one the server gives)")
    j.add_argument("--level", choices=("easy", "normal", "hard"), default="normal",
                   help="the bot's difficulty")
    j.add_argument("--retry", type=float, default=60.0, metavar="SECONDS",
                   help="keep trying to reconnect this long (default 60)")
    j.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=argparse.SUPPRESS,
                   help="language")
    j.set_defaults(func=cmd_join)

    f = sub.add_parser(
        "facilitate", help="the facilitator's console: tables, pause, timers, news, reveal, end",
        description="Without an operation, opens the console. With one, does it and prints the "
                    "server's JSON reply: list; pause [TABLE|all]; resume [TABLE|all]; timer "
                    "TABLE|all SECONDS|off; inject TABLE EVENT; reveal TABLE; step TABLE; end "
                    "TABLE [now|after_turn]; export [DIR]; events (the event ids).")
    f.add_argument("address", type=_addr, metavar="HOST:PORT")
    f.add_argument("--code", required=True, metavar="ADMIN", help="the facilitator's code")
    f.add_argument("words", nargs="*", metavar="OP [ARG]", help="an operation and its arguments "
                                                              "(see above)")
    f.set_defaults(func=cmd_facilitate)
    f.__class__ = _Intermixed

    w = sub.add_parser("watch", help="the projector: a table's public state and charts",
                       description="Show a table's public state (never a side's secrets) and "
                                   "its charts, live, for a projector.")
    w.add_argument("address", type=_addr, metavar="HOST:PORT")
    w.add_argument("--code", required=True, metavar="WATCH", help="the table's projector code")
    w.add_argument("--once", action="store_true", help="print the table once and exit")
    w.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=argparse.SUPPRESS,
                   help="language")
    w.set_defaults(func=cmd_watch)

    s = sub.add_parser("serve", help="serve the game to web browsers (textual-serve)",
                       description="Serve the game's screens to web browsers, for students who "
                                   "cannot install anything. With --join HOST:PORT each browser "
                                   "asks for a seat code and joins that server's game.")
    s.add_argument("--port", type=_port, default=DEFAULT_WEB_PORT, metavar="P",
                   help=f"web port (default {DEFAULT_WEB_PORT})")
    s.add_argument("--bind", default="127.0.0.1", metavar="ADDR",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 for a classroom)")
    s.add_argument("--join", default=None, type=_addr, metavar="HOST:PORT",
                   help="open the seat-code screen for this game server instead of the menu")
    s.add_argument("--public-url", default=None, metavar="URL",
                   help="the address browsers use, if not http://BIND:PORT")
    s.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=argparse.SUPPRESS,
                   help="language")
    s.set_defaults(func=cmd_serve)

    b = sub.add_parser("briefing", help="a side's briefing to read before class (Markdown or HTML)",
                       description="Each side's situation, levers, risks and possible secret "
                                   "objectives, in the words of the scenario.")
    b.add_argument("--side", required=True, choices=("us", "cn"), help="whose briefing")
    b.add_argument("--scenario", default=None, metavar="ID", help="scenario id")
    b.add_argument("--content", default="default", metavar="PACK", help="content pack")
    b.add_argument("--format", choices=("md", "html"), default="md", help="md (default) or html")
    b.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=argparse.SUPPRESS,
                   help="language of the briefing (default en)")
    b.add_argument("-o", "--output", default=None, metavar="FILE", help="write to FILE")
    b.set_defaults(func=cmd_briefing)
