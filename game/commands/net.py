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

from ..cli import (EXIT_OK, CliError, _positive, _prob, _seed, check_bot, cli_lang, help_text,
                   load_engine, number_arg)
from ..i18n import t

DEFAULT_WEB_PORT = 8000
ADMIN_OPS = ("list", "pause", "resume", "timer", "inject", "reveal", "step", "end", "export",
             "events")


def _addr(text: str) -> str:
    from ..net.protocol import parse_addr

    try:
        parse_addr(text)
    except ValueError as e:  # parse_addr says what is wrong in English; other languages say it shortly
        from ..cli import _ARG_LANG, _t

        lang = _ARG_LANG[0]
        msg = str(e) if lang == "en" else _t("cli.arg.not_addr", lang, text=text)
        raise argparse.ArgumentTypeError(msg) from None
    return text


_port = number_arg(int, 0, 65535, "not_port", "port_range")
_seconds = number_arg(float, 5, 86400, "not_seconds", "seconds_5_86400")


# ---------------------------------------------------------------------------------------
# host

def cmd_host(args) -> int:
    from ..net.server import DEFAULT_PORT, GameServer
    from ..net.store import StoreError, TableStore, default_state_dir

    lang = cli_lang(args)
    store = TableStore(args.state_dir or default_state_dir())
    resumed = False
    try:
        if args.fresh:
            moved = store.archive()
            if moved:
                print(t("cli.host_moved", lang, path=str(moved)), file=sys.stderr)
        if store.exists():
            srv = GameServer.resume(store, host=args.bind, port=args.port)
            resumed = True
            ignored = [f"--{k}" for k in ("tables", "seed", "scenario", "turns", "noise")
                       if getattr(args, k) is not None]
            if args.content != "default":
                ignored.append("--content")
            if ignored:
                print(t("cli.host_resuming", lang, path=str(store.root),
                        options=t("cli.list_sep", lang).join(ignored)), file=sys.stderr)
        else:
            engine = load_engine(args.content, args.scenario)
            seed = args.seed if args.seed is not None else secrets.randbelow(2**62)
            srv = GameServer.create(engine, args.tables or 1, seed, turns=args.turns,
                                    noise=args.noise or 0.0, store=store,
                                    host=args.bind or "127.0.0.1",
                                    port=DEFAULT_PORT if args.port is None else args.port,
                                    timer=args.timer, content=args.content)
    except StoreError as e:
        raise CliError(e.args[0] if e.args else str(e)) from None
    if args.timer and resumed:
        for tb in srv.tables.values():
            tb.set_timer(args.timer)
    try:
        return asyncio.run(_host(srv, resumed, lang))
    except OSError as e:
        raise CliError.of("cannot_listen", addr=f"{srv.host}:{srv.port}",
                          error=str(e.strerror or e)) from None


async def _host(srv, resumed: bool, lang: str = "en") -> int:
    await srv.start()
    sys.stdout.write(json.dumps(srv.codes_line(), ensure_ascii=False) + "\n")
    host = srv.host if ":" not in srv.host else f"[{srv.host}]"
    addr = f"{host}:{srv.port}"
    first = next(iter(srv.tables.values()), None)  # the scenario's name, as players see it
    scenario = first.engine.scenario.name.get(lang) if first else srv.meta.get("scenario")
    lines = [t("cli.host_resumed" if resumed else "cli.host_hosting", lang, n=len(srv.tables),
               scenario=scenario, pack=srv.meta.get("pack"), addr=addr)]
    if srv.host not in ("127.0.0.1", "localhost", "::1"):
        lines.append(t("cli.host_public", lang, host=srv.host))
    lines.append(t("cli.host_facilitator", lang, addr=addr, code=srv.admin))
    for tb in srv.tables.values():
        st = tb.state
        phase = st.phase if lang == "en" else t(f"phase.{st.phase}", lang)
        lines.append(t("cli.host_table", lang, id=tb.id, us=tb.codes["us"], cn=tb.codes["cn"],
                       watch=tb.codes["watch"], turn=st.turn, turns=st.turns, phase=phase))
    lines.append(t("cli.host_players", lang, addr=addr))
    lines.append(t("cli.host_saved", lang, path=str(srv.store.root) if srv.store
                   else t("cli.host_nowhere", lang)))
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
    print(t("cli.host_stopped", lang), file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# join

def cmd_join(args) -> int:
    from ..net.client import JoinError

    if args.bot:
        from ..net.bot_client import play_seat

        bot = check_bot(args.bot)
        if not args.code:
            raise CliError.of("bot_needs_code")
        try:
            summary = asyncio.run(play_seat(args.address, args.code, bot, bot_seed=args.bot_seed,
                                            level=args.level, retry_for=args.retry))
        except JoinError as e:
            raise CliError(f"{args.address}: {e.text(cli_lang(args))}") from None
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
        raise CliError.of("unknown_op", op=repr(args.op), known=", ".join(ADMIN_OPS))
    if not args.op:
        from ..net.facilitator import run_console

        return run_console(args.address, args.code, lang=cli_lang(args))
    try:
        return asyncio.run(_admin_op(args))
    except JoinError as e:
        raise CliError(f"{args.address}: {e.text(cli_lang(args))}") from None
    except OSError as e:
        raise CliError.of("cannot_reach", addr=args.address, error=str(e.strerror or e)) from None


def _need(args, n: int, usage: str) -> list:
    if len(args.rest) < n:
        raise CliError.of("fac_usage", usage=usage)
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
        raise CliError.of("unknown_op", op=repr(op), known=", ".join(ADMIN_OPS))
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
            raise CliError(f"{args.address}: {e.text(cli_lang(args))}") from None
        except OSError as e:
            raise CliError.of("cannot_reach", addr=args.address,
                              error=str(e.strerror or e)) from None
    from ..net.watch_app import run_watch

    return run_watch(args.address, args.code, lang=args.lang)


def cmd_serve(args) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        raise CliError.of("needs_textual_serve") from None
    cmd = [sys.executable, "-m", "game"]
    if args.lang:
        cmd += ["--lang", args.lang]
    if args.join:
        cmd += ["join", args.join]
    import shlex

    command = " ".join(shlex.quote(c) for c in cmd)
    public = args.public_url or f"http://{args.bind if ':' not in args.bind else '[' + args.bind + ']'}:{args.port}"
    print(t("cli.serving", cli_lang(args), url=public), flush=True)
    server = Server(command, host=args.bind, port=args.port, title="New Yalta",
                    public_url=public)
    server.serve()
    return EXIT_OK


def cmd_briefing(args) -> int:
    from ..briefing import briefing
    from ..content.loader import load_pack

    pack = load_pack(args.content)
    if args.scenario and args.scenario not in pack.scenarios:
        raise CliError.of("no_scenario", scenario=repr(args.scenario), pack=repr(pack.id),
                          known=", ".join(sorted(pack.scenarios)))
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
        saved = self.usage
        if saved is None:
            # argparse keeps the usage for its errors by cutting len("usage: ") characters
            # off; cut the prefix of the language it speaks instead
            full, prefix = self.format_usage(), argparse._("usage: ")
            self.usage = full[len(prefix):] if full.startswith(prefix) else full[7:]
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inner = False
            self.usage = saved


def register(sub, lang: str = "en") -> None:
    def h(key: str, **fmt) -> str:
        return help_text(key, lang, **fmt)

    langs = ("en", "zh-Hant", "zh-Hans")
    hp = sub.add_parser("host", help=h("host"), description=h("host_desc"))
    hp.add_argument("--bind", default=None, metavar="ADDR", help=h("host_bind"))
    hp.add_argument("--port", type=_port, default=None, metavar="P", help=h("host_port"))
    hp.add_argument("--tables", type=_positive, default=None, metavar="N", help=h("host_tables"))
    hp.add_argument("--seed", type=_seed, default=None, metavar="S", help=h("host_seed"))
    hp.add_argument("--scenario", default=None, metavar="ID", help=h("play_scenario"))
    hp.add_argument("--content", default="default", metavar="PACK", help=h("play_content"))
    hp.add_argument("--turns", type=_positive, default=None, metavar="T", help=h("host_turns"))
    hp.add_argument("--noise", type=_prob, default=None, metavar="P", help=h("play_noise"))
    hp.add_argument("--timer", type=_seconds, default=None, metavar="SECONDS", help=h("host_timer"))
    hp.add_argument("--state-dir", default=None, metavar="DIR", help=h("host_state_dir"))
    hp.add_argument("--fresh", action="store_true", help=h("host_fresh"))
    hp.add_argument("--lang", choices=langs, default=argparse.SUPPRESS, help=h("sub_lang"))
    hp.set_defaults(func=cmd_host)

    j = sub.add_parser("join", help=h("join"), description=h("join_desc"))
    j.add_argument("address", type=_addr, metavar="HOST:PORT")
    j.add_argument("--code", default=None, metavar="CODE", help=h("join_code"))
    j.add_argument("--bot", default=None, metavar="NAME", help=h("join_bot"))
    j.add_argument("--bot-seed", type=_seed, default=None, metavar="S", help=h("join_bot_seed"))
    j.add_argument("--level", choices=("easy", "normal", "hard"), default="normal",
                   help=h("play_level"))
    j.add_argument("--retry", type=float, default=60.0, metavar="SECONDS", help=h("join_retry"))
    j.add_argument("--lang", choices=langs, default=argparse.SUPPRESS, help=h("net_lang"))
    j.set_defaults(func=cmd_join)

    f = sub.add_parser("facilitate", help=h("fac"), description=h("fac_desc"))
    f.add_argument("address", type=_addr, metavar="HOST:PORT")
    f.add_argument("--code", required=True, metavar="ADMIN", help=h("fac_code"))
    f.add_argument("words", nargs="*", metavar="OP [ARG]", help=h("fac_words"))
    f.add_argument("--lang", choices=langs, default=argparse.SUPPRESS, help=h("sub_lang"))
    f.set_defaults(func=cmd_facilitate)
    f.__class__ = _Intermixed

    w = sub.add_parser("watch", help=h("watch"), description=h("watch_desc"))
    w.add_argument("address", type=_addr, metavar="HOST:PORT")
    w.add_argument("--code", required=True, metavar="WATCH", help=h("watch_code"))
    w.add_argument("--once", action="store_true", help=h("watch_once"))
    w.add_argument("--lang", choices=langs, default=argparse.SUPPRESS, help=h("net_lang"))
    w.set_defaults(func=cmd_watch)

    s = sub.add_parser("serve", help=h("serve"), description=h("serve_desc"))
    s.add_argument("--port", type=_port, default=DEFAULT_WEB_PORT, metavar="P",
                   help=h("serve_port", port=DEFAULT_WEB_PORT))
    s.add_argument("--bind", default="127.0.0.1", metavar="ADDR", help=h("serve_bind"))
    s.add_argument("--join", default=None, type=_addr, metavar="HOST:PORT", help=h("serve_join"))
    s.add_argument("--public-url", default=None, metavar="URL", help=h("serve_public_url"))
    s.add_argument("--lang", choices=langs, default=argparse.SUPPRESS, help=h("net_lang"))
    s.set_defaults(func=cmd_serve)

    b = sub.add_parser("briefing", help=h("brief"), description=h("brief_desc"))
    b.add_argument("--side", required=True, choices=("us", "cn"), help=h("brief_side"))
    b.add_argument("--scenario", default=None, metavar="ID", help=h("play_scenario"))
    b.add_argument("--content", default="default", metavar="PACK", help=h("brief_content"))
    b.add_argument("--format", choices=("md", "html"), default="md", help=h("brief_format"))
    b.add_argument("--lang", choices=langs, default=argparse.SUPPRESS, help=h("brief_lang"))
    b.add_argument("-o", "--output", default=None, metavar="FILE", help=h("report_output"))
    b.set_defaults(func=cmd_briefing)
