"""``yalta play``: start a game in the terminal at once (hotseat, against a bot, or watch)."""

from __future__ import annotations

import argparse

from ..cli import CliError, _positive, _seed, check_bot, help_text, load_engine, number_arg

LEVELS = ("easy", "normal", "hard")


def _seat(text: str) -> str:
    """``human`` or ``bot:NAME``."""
    if text == "human":
        return text
    if text.startswith("bot:") and len(text) > 4:
        return "bot:" + check_bot(text[4:])
    raise CliError.of("bad_seat", text=repr(text))


_speed = number_arg(float, 0.0, 60.0, "not_seconds", "seconds_0_60")


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
            raise CliError.of("watch_needs_bots")
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


def register(sub, lang: str = "en") -> None:
    def h(key: str) -> str:
        return help_text(key, lang)

    p = sub.add_parser("play", help=h("play"), description=h("play_desc"))
    p.add_argument("--mode", choices=("hotseat", "bot"), default="bot", help=h("play_mode"))
    p.add_argument("--side", choices=("us", "cn"), default="us", help=h("play_side"))
    p.add_argument("--bot", metavar="NAME", default=None, help=h("play_bot"))
    p.add_argument("--level", choices=LEVELS, default="normal", help=h("play_level"))
    p.add_argument("--us", metavar="SEAT", default=None, help=h("play_seat"))
    p.add_argument("--cn", metavar="SEAT", default=None, help=h("play_seat"))
    p.add_argument("--watch", action="store_true", help=h("play_watch"))
    p.add_argument("--speed", type=_speed, default=1.0, metavar="SECONDS", help=h("play_speed"))
    p.add_argument("--scenario", default=None, metavar="ID", help=h("play_scenario"))
    p.add_argument("--content", default="default", metavar="PACK", help=h("play_content"))
    p.add_argument("--seed", type=_seed, default=None, metavar="S", help=h("play_seed"))
    p.add_argument("--turns", type=_positive, default=None, metavar="T", help=h("play_turns"))
    p.add_argument("--noise", type=float, default=0.0, metavar="P", help=h("play_noise"))
    p.add_argument("--lang", choices=("en", "zh-Hant", "zh-Hans"), default=argparse.SUPPRESS,
                   help=h("play_lang"))
    p.add_argument("--saves", default=None, metavar="DIR", help=h("play_saves"))
    p.set_defaults(func=cmd_play)
