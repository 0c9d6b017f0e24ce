"""Run the game headless and keep playing by keys, for the crash test.

Started as ``python -m tests.tui.kill_harness SAVES_DIR``. If a save exists, it checks that
the main menu offers Continue and continues; then it plays on, printing
``SAVED <log length> <turn> <phase>`` each time an input or a phase change has been written
(autosave is synchronous), until the game is over (``OVER``). The test kills it at random.
"""

from __future__ import annotations

import asyncio
import sys

from game.tui.app import YaltaApp

from .driver import press_policy


def main(saves: str) -> None:
    from game.saves import SaveStore

    resume = SaveStore(saves).latest() is not None
    start = None if resume else dict(pack="default", scenario=None, seed=77, turns=4,
                                     seats={"us": "human", "cn": "bot:tit-for-tat"}, mode="bot")
    app = YaltaApp(lang="en", saves_dir=saves, start=start)
    last = [None]

    def report(a):
        s = a.session
        if s is None:
            return
        mark = (len(s.state.log), s.state.turn, s.state.phase, s.state.talk_round)
        if mark != last[0]:
            last[0] = mark
            print("SAVED", *mark, flush=True)

    async def go():
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            while not app.screen.query("#menu"):  # the menu composes after it is pushed
                await pilot.pause(0.05)
            if resume:
                menu = app.screen.query_one("#menu")
                opt = menu.get_option("continue")
                assert not opt.disabled, "Continue is not offered"
                print("CONTINUE-OFFERED", flush=True)
                await pilot.press("c")
                await pilot.pause()
            await press_policy(app, pilot, on_step=report)
            report(app)
            print("OVER", flush=True)

    asyncio.run(go())


if __name__ == "__main__":
    main(sys.argv[1])
