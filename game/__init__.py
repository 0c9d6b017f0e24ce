"""New Yalta: a terminal negotiation wargame of the US-China AI race, 2025-2030."""

__version__ = "0.1.0"


def docs_dir():
    """The documents shipped with the game (the rules the help shows, and their translations):
    ``game/docs``, which in a checkout links to ``docs/``."""
    from pathlib import Path

    return Path(__file__).resolve().parent / "docs"
