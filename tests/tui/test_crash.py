"""SIGKILL the game mid-play again and again: every restart offers Continue, loses at most the
phase in progress, and no save is ever corrupt."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from game import saves as S

ROOT = Path(__file__).resolve().parents[2]


def _spawn(saves: Path) -> subprocess.Popen:
    env = dict(os.environ, CI="true", PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "tests.tui.kill_harness", str(saves)],
                            cwd=str(ROOT), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _read_until(proc, deadline: float, lines_wanted: int) -> list[str]:
    """Lines printed until ``lines_wanted`` SAVED lines, the end, or the deadline."""
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    out, saved = [], 0
    while time.monotonic() < deadline and saved < lines_wanted:
        if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
            break
        line = proc.stdout.readline()
        if not line:
            break
        out.append(line.strip())
        if line.startswith("SAVED"):
            saved += 1
        if line.startswith("OVER"):
            break
    sel.close()
    return out


def test_sigkill_mid_game_loses_at_most_the_phase_in_progress(tmp_path):
    saves = tmp_path / "saves"
    rng = random.Random(1)
    last_saved = None
    kills = 0
    for attempt in range(12):
        proc = _spawn(saves)
        lines = _read_until(proc, time.monotonic() + 60, rng.randint(2, 9))
        over = any(l.startswith("OVER") for l in lines)
        if not over:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=30)
        err = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
        if attempt > 0:
            assert "CONTINUE-OFFERED" in lines, (lines, err[-2000:])
        marks = [l.split() for l in lines if l.startswith("SAVED")]
        # every save in the folder reads back whole
        for p in S.SaveStore(saves).files():
            S.read_doc(p)
        latest = S.SaveStore(saves).latest(unfinished=False)
        assert latest is not None
        loaded = S.load(latest.path)
        assert loaded.warning is None
        if marks:
            last_saved = int(marks[-1][1])
        # what was reported as done is in the save: at most the phase in progress is lost
        assert len(loaded.state.log) >= (last_saved or 0), (lines, len(loaded.state.log))
        if over:
            assert loaded.state.phase == "over"
            break
    assert kills >= 3
