"""TUI benchmarks: cold start to the main menu against a bare Textual app, key-press-to-
repaint latency on the game screen, and peak memory.

    python benchmarks/tui_bench.py [--runs 5]

Cold start runs each app in a fresh interpreter, headless, and times from process start to
the first screen mounted (the main menu), so imports count. Targets: start within 1.5x a
bare Textual app; a repaint under 50 ms; under 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = r"""
import time, sys
t0 = float(sys.argv[1])
from textual.app import App
from textual.widgets import Static, Footer
class Bare(App):
    def compose(self):
        yield Static("hello"); yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        self.exit(time.time() - t0)
app = Bare()
app.run(headless=True)
print(app.return_value)
"""

YALTA = r"""
import time, sys
t0 = float(sys.argv[1])
from game.tui.app import YaltaApp
from game.tui.screens.menu import MainMenu
class Timed(YaltaApp):
    def on_mount(self):  # runs after YaltaApp.on_mount (Textual calls both)
        self.call_after_refresh(self.done)
    def done(self):
        if not isinstance(self.screen, MainMenu):
            self.call_after_refresh(self.done)
            return
        self.exit(time.time() - t0)
app = Timed(saves_dir=sys.argv[2])
app.run(headless=True)
print(app.return_value)
"""


def cold_start(code: str, runs: int, saves: str) -> list[float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CI="true")
    out = []
    script = Path(saves) / f"bench_{abs(hash(code))}.py"
    script.write_text(code)
    for _ in range(runs):
        t0 = time.time()
        r = subprocess.run([sys.executable, str(script), repr(t0), saves], env=env, cwd=str(ROOT),
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise SystemExit(f"benchmark app failed: {r.stderr.strip().splitlines()[-1:]}")
        out.append(float(r.stdout.strip().splitlines()[-1]))
    return out


async def repaint_latency(presses: int, saves: str) -> list[float]:
    """Time from a key press to the screen having repainted (the Pilot waits for the
    screen's refresh): moving through the cards of the orders panel."""
    sys.path.insert(0, str(ROOT))
    from game.tui.app import YaltaApp

    start = dict(pack="default", scenario=None, seed=1, turns=3, mode="bot",
                 seats={"us": "human", "cn": "bot:tit-for-tat"})
    app = YaltaApp(saves_dir=saves, start=start)
    out = []
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            cur = app.screen.query_one("#panels").current
            if cur == "orders":
                break
            await pilot.press("enter" if cur == "news" else "s")
        painted = [0.0]
        original = app._display

        def display(screen, renderable):  # the frame going to the terminal
            painted[0] = time.perf_counter()
            return original(screen, renderable)

        app._display = display
        keys = ["down", "up", "space", "space"]
        for i in range(presses):
            await pilot.pause(0.05)
            t0 = time.perf_counter()
            painted[0] = 0.0
            await app._press_keys([keys[i % len(keys)]])
            while painted[0] < t0 and time.perf_counter() - t0 < 2.0:
                await asyncio.sleep(0.0005)
            out.append((painted[0] - t0) * 1000.0)
    return out


def peak_memory_mb() -> float:
    import resource
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024.0 if sys.platform != "darwin" else kb / 1024.0 / 1024.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--presses", type=int, default=40)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as saves:
        bare = cold_start(BARE, args.runs, saves)
        yalta = cold_start(YALTA, args.runs, saves)
        lat = asyncio.run(repaint_latency(args.presses, saves))
    b, y = statistics.median(bare), statistics.median(yalta)
    p95 = sorted(lat)[int(0.95 * (len(lat) - 1))]
    mem = peak_memory_mb()
    print(f"cold start, bare Textual app : {b * 1000:7.1f} ms (median of {args.runs})")
    print(f"cold start, New Yalta menu   : {y * 1000:7.1f} ms (median of {args.runs}) "
          f"= {y / b:.2f}x bare (target <= 1.5x) {'OK' if y / b <= 1.5 else 'OVER'}")
    print(f"key press to repaint         : median {statistics.median(lat):6.1f} ms, p95 {p95:6.1f} ms "
          f"(target < 50 ms) {'OK' if p95 < 50 else 'OVER'}")
    print(f"peak memory (game in play)   : {mem:7.1f} MB (target < 150 MB) {'OK' if mem < 150 else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
