"""The after-action report inside the game: read it on screen, or export it to a file."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, Static

from ..widgets.footer import LocalFooter


def build_report(session, lang: str = "en") -> dict:
    """The debrief of the session's game, built from the same document a save holds, its
    words in ``lang``."""
    from ...report.model import build

    return build(session.document("manual"), session.state, session.engine,
                 source=session.title(), lang=lang)


def export_report(session, folder: Path, lang: str = "en") -> list[Path]:
    """Write the report as HTML and Markdown beside the saves; returns the two paths."""
    from ...report import render
    from ...saves import slug, write_atomic

    report = build_report(session, lang)
    folder.mkdir(parents=True, exist_ok=True)
    base = f"report-{slug(session.game_id or session.title())}"
    out = []
    for fmt in ("html", "md"):
        path = folder / f"{base}.{fmt}"
        write_atomic(path, render(report, fmt).encode("utf-8"))
        out.append(path)
    return out


class ReportScreen(ModalScreen[None]):
    """The Markdown form of the report, scrollable; escape closes it. It is drawn by Rich's
    Markdown as one renderable: a whole game's report has hundreds of blocks, which Textual's
    Markdown widget builds one widget each (seconds of blank screen for a 12-turn game)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close", show=True),
                Binding("e", "export", "Export", show=True)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report-scroll"):
            yield LoadingIndicator(id="report-loading")
            yield Static(id="report-md")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#report-md").display = False
        self._build()

    @work(thread=True, exclusive=True)
    def _build(self) -> None:
        from ...report import render

        try:
            text = render(build_report(self.app.session, self.app.lang), "md")
        except Exception as e:  # a report must never take the game down
            self.app.call_from_thread(self.app.notify, str(e), severity="error")
            text = f"*{e}*"
        self.app.call_from_thread(self._show, text)

    def _show(self, text: str) -> None:
        from rich.markdown import Markdown

        self.query_one("#report-loading").display = False
        md = self.query_one("#report-md", Static)
        md.display = True
        md.update(Markdown(text))

    def action_export(self) -> None:
        self.app.action_export_report()
