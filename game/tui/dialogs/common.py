"""Modal dialogs: confirm, save as, load, settings, help. Escape always closes them."""

from __future__ import annotations

import time
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from ... import docs_dir
from ...i18n import t
from ...narrate import ending_name, scenario_name, seat_label
from ...saves import SaveStore
from ..widgets.footer import LocalFooter


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel", show=False),
                Binding("y", "dismiss(True)", "Yes", show=False),
                Binding("n", "dismiss(False)", "No", show=False)]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.yes", lang) + " (y)", id="yes", variant="error")
                yield Button(t("dialog.no", lang) + " (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class SaveAsDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]

    def __init__(self, default: str):
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("saves.save_title", self.app.lang), classes="dialog-title")
            yield Input(self.default, id="name")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        self.dismiss(name or None)


class LoadDialog(ModalScreen[Path | None]):
    """Lists the saves, newest first; damaged ones are shown with why and cannot be chosen."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=True)]

    def __init__(self, store: SaveStore):
        super().__init__()
        self.store = store
        self.paths: list[Path] = []

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        infos = self.store.list()
        opts = []
        for info in infos:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.saved_at))
            if info.ok:
                name = t("saves.auto", lang) if info.kind == "auto" else info.name
                human = t("saves.human", lang)
                seats = t("saves.seats", lang, us=seat_label(info.seats.get("us"), lang, human),
                          cn=seat_label(info.seats.get("cn"), lang, human))
                phase = t(f"phase.{info.phase}", lang) if info.phase else ""
                if info.phase == "over" and info.ending:
                    phase = t("saves.ended", lang, ending=ending_name(info.ending, lang))
                label = Text(t("saves.line", lang, name=name, when=when, turn=info.turn,
                               turns=info.turns, phase=phase))
                label.append(f"\n  {scenario_name(info.pack, info.scenario, lang)} · {seats}",
                             style="dim")
                opts.append(Option(label, id=str(len(self.paths))))
            else:
                opts.append(Option(t("saves.damaged", lang, name=info.path.name, error=info.error),
                                   disabled=True))
                self.paths.append(info.path)
                continue
            self.paths.append(info.path)
        with Vertical(classes="dialog wide"):
            yield Label(t("saves.title", lang), classes="dialog-title")
            if not infos:
                yield Static(t("saves.empty", lang, dir=str(self.store.root)))
            yield OptionList(*opts, id="saves")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.paths[int(event.option.id)])


class SettingsDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", show=True)]

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        themes = sorted(self.app.available_themes)
        with Vertical(classes="dialog"):
            yield Label(t("settings.title", lang), classes="dialog-title")
            yield Label(t("settings.language", lang))
            yield Select([(t("settings.lang_en", lang), "en"), (t("settings.lang_zh", lang), "zh-Hant"),
                          (t("settings.lang_hans", lang), "zh-Hans")],
                         value=lang, allow_blank=False, id="lang")
            yield Label(t("settings.theme", lang))
            yield Select([(n, n) for n in themes], value=self.app.theme, allow_blank=False, id="theme")
            yield Button(t("settings.close", lang), id="close")
        yield LocalFooter()

    @on(Select.Changed, "#lang")
    def _lang(self, event: Select.Changed) -> None:
        if event.value != self.app.lang:
            self.app.set_language(str(event.value))

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if event.value != Select.NULL and event.value != self.app.theme:
            self.app.theme = str(event.value)
            self.app.save_settings()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)


def rules_text(lang: str) -> str | None:
    """The rules from ``game/docs/rules.md``, or its translation ``rules.LANG.md``; Simplified
    Chinese readers get the Traditional text when theirs is missing, English last."""
    base = docs_dir()
    names = {"zh-Hant": ["rules.zh-Hant.md"],
             "zh-Hans": ["rules.zh-Hans.md", "rules.zh-Hant.md"]}.get(lang, []) + ["rules.md"]
    for n in names:
        p = base / n
        try:
            return p.read_text(encoding="utf-8")
        except OSError:
            continue
    return None


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", show=True),
                Binding("q", "dismiss(None)", "Close", show=False)]

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown  # only when help is opened: keeps start-up quick

        lang = self.app.lang
        text = rules_text(lang)
        with Vertical(classes="dialog help"):
            yield Label(t("help.title", lang), classes="dialog-title")
            yield Static(t("help.keys", lang), classes="help-keys")
            with VerticalScroll(id="help-body"):
                yield Markdown(text if text else t("help.missing", lang))

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
