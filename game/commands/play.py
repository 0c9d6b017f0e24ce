"""``yalta play``: start a game in the terminal at once (hotseat, against a bot, or watch)."""

from __future__ import annotations

import argparse

from ..cli import CliError, _positive, _seed, check_bot, load_engine, number_arg

LEVELS = ("easy", "normal", "hard")


def _seat(text: str) -> str:
    """``human`` or ``bot:NAME``."""
    if text == "human":
        return text
    if text.startswith("bot:") and len(text) > 4:
        return "bot:" + check_bot(text[4:])
    raise CliError(f"a seat is 'human' or 'bot:NAME', not {text!r}")


_speed = number_arg(float, 0.0, 60.0, "{text!r} is not a number of seconds",
                    "{text} is not between 0 and 60 seconds")


def cmd_play(args) -> int:
    from ..tui.app import run_app
    from ..tui.session import new_seed

    engine = load_engine(args.content, args.scenario)
    if args.us or args.cn or args.watch:
        us = _seat(args.us or f"bot:{check_bot(args.bot or 'tit-for-tat')}")
        cn = _seat(args.cn or f"bot:{check_bot(args.bot or 'tit-for-tat')}")
        seats = {"us": us, "cn": cn}
        humans = [s for s, v in seats.items() if v == "human"]
        mode = "watch" if not humans else "hotseat" if len(humans) == 2 else "bot"
        if args.watch and humans:
            raise CliError("--watch needs a bot in both seats (--us bot:NAME --cn bot:NAME)")
    elif args.mode == "hotseat":
        seats, mode = {"us": "human", "cn": "human"}, "hotseat"
    else:
        bot = "bot:" + check_bot(args.bot or "tit-for-tat")
        foe = "cn" if args.side == "us" else "us"
        seats, mode = {args.side: "human", foe: bot}, "bot"
    start = dict(pack=args.content, scenario=engine.scenario.id,
                 seed=args.seed if args.seed is not None else new_seed(), seats=seats,
                 turns=args.turns, level=args.level, mode=mode, noise=args.noise)
    return run_app(lang=args.lang, saves_dir=args.saves, start=start,
                   speed=args.speed if mode == "watch" else None)


def register(sub) -> None:
    p = sub.add_parser(
        "play", help="play in the terminal: hotseat, against a bot, or watch two bots",
        description="Start a game at once. Without --us/--cn: --mode hotseat (two players, one "
                    "terminal) or --mode bot (you play --side against --bot). Watch two bots: "
                    "yalta play --us bot:NAME --cn bot:NAME --watch [--speed S].")
    p.add_argument("--mode", choices=("hotseat", "bot"), default="bot",
                   help="hotseat or against a bot (default bot)")
    p.add_argument("--side", choices=("us", "cn"), default="us", help="your side against a bot")
    p.add_argument("--bot", metavar="NAME", default=None, help="the bot's personality")
    p.add_argument("--level", choices=LEVELS, default="normal", help="the bot's difficulty")
    p.add_argument("--us", metavar="SEAT", default=None, help="human or bot:NAME")
    p.add_argument("--cn", metavar="SEAT", default=None, help="human or bot:NAME")
    p.add_argument("--watch", action="store_true", help="watch two bots play to the end")
    p.add_argument("--speed", type=_speed, default=1.0, metavar="SECONDS",
                   help="watch mode: seconds per phase (0: no pause; default 1)")
    p.add_argument("--scenario", default=None, metavar="ID", help="scenario id")
    p.add_argument("--content", default="default", metavar="PACK", help="content pack (default: default)")
    p.add_argument("--seed", type=_seed, default=None, metavar="S", help="seed (default: random)")
    p.add_argument("--turns", type=_positive, default=None, metavar="T", help="number of turns")
    p.add_argument("--noise", type=float, default=0.0, metavar="P", help="attribution fog, 0 to 1")
    p.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=argparse.SUPPRESS,
                   help="language (default: settings, then the locale)")
    p.add_argument("--saves", default=None, metavar="DIR", help="saves folder (default: ./saves)")
    p.set_defaults(func=cmd_play)
