"""Settings of the Python process for long batch runs and servers.

A batch of simulated games, a tournament or a game server allocates many small records that
live as long as a game does. Python's cycle collector walks every live container on each
full collection, the loaded program and its content pack included (tens of thousands of
objects, hundreds of thousands with a research library such as axelrod loaded), and would
do so again and again without ever finding anything to free: game states hold no cycles and
are freed by reference counting. ``quiet_gc`` sets what is alive at start-up aside
(``gc.freeze``) so that collections skip it, and makes collections rarer. Nothing is stopped:
cycles made later are still found.
"""

from __future__ import annotations

import gc

GC_THRESHOLD = (20_000, 20, 20)  # young objects between two collections (Python: 700, 10, 10)


def quiet_gc(threshold: tuple | None = GC_THRESHOLD) -> None:
    """Collect once, set everything alive now aside, and make collections rarer (never more
    frequent than they already are; ``threshold=None`` leaves them as they are)."""
    gc.collect()
    gc.freeze()
    if threshold is not None and gc.get_threshold()[0] < threshold[0]:
        gc.set_threshold(*threshold)


def worker_context():
    """How batch workers are started: forked on Linux, so that each starts with the loaded
    engine and content instead of importing and loading them again; elsewhere the platform's
    default. Asked for explicitly because a library may change the process-wide default when
    imported (axelrod sets "spawn"), which made every batch start its workers from scratch."""
    import multiprocessing
    import sys

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
