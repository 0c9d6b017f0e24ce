"""New Yalta: a terminal negotiation wargame of the US-China AI race, 2025-2030."""

__version__ = "0.1.0"
