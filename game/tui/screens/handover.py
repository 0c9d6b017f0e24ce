"""Hotseat: the screen between the sides that hides every private thing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from ...i18n import t
from ..widgets.footer import LocalFooter


class HandoverScreen(Screen[None]):
    BINDINGS = [Binding("enter", "ready", "Ready", show=True)]

    def __init__(self, side: str):
        super().__init__()
        self.side = side

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        name = t(f"side.{self.side}", lang)
        with Middle():
            with Center():
                with Vertical(id="handover-box", classes=f"side-{self.side}"):
                    yield Static(t("handover.title", lang, side=t(f"side_title.{self.side}", lang)),
                                 id="handover-title")
                    yield Static(t("handover.body", lang, side=name,
                                   side_pos=t(f"side_pos.{self.side}", lang)), id="handover-body")
                    yield Static(t("handover.hidden", lang), id="handover-hidden")
                    with Center():
                        yield Button(t("handover.ready", lang) + " ⏎", id="ready", variant="primary")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#ready", Button).focus()

    def on_button_pressed(self) -> None:
        self.action_ready()

    def action_ready(self) -> None:
        self.dismiss(None)
