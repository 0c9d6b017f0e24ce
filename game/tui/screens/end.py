"""The end screen: the outcome, both national scores and global welfare, and charts of
trust, welfare and escalation over the turns."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from ...engine.state import SIDES
from ...i18n import t
from ...narrate import ending_name, ending_text
from ..widgets.charts import column_chart
from ..widgets.footer import LocalFooter


class EndScreen(Screen):
    # export and save are buttons of their own and stay out of the footer, so that the
    # footer's keys fit on one line at 80 columns in every language
    BINDINGS = [Binding("a", "again", "Play again", show=True),
                Binding("r", "report", "Report", show=True),
                Binding("e", "app.export_report", "Export report", show=False),
                Binding("f2", "app.save_as", "Save", show=False),
                Binding("m", "menu", "Main menu", show=True)]

    def compose(self) -> ComposeResult:
        app = self.app
        lang = app.lang
        sess = app.session
        st = sess.state
        with VerticalScroll(id="end"):
            yield Static(t("end.outcome", lang, label=ending_name(st.ending, lang)), id="outcome")
            yield Static(ending_text(st.ending, lang), id="outcome-text")
            yield Static(self._scores(), id="scores")
            with Horizontal(classes="buttons"):
                yield Button(t("end.again", lang), id="again", variant="success")
                yield Button(t("end.report", lang), id="report")
                yield Button(t("end.export", lang), id="export")
                yield Button(t("end.save", lang), id="save")
                yield Button(t("end.menu", lang), id="to-menu")
            with Horizontal(id="charts"):
                for chart in self._charts():
                    yield Static(chart, classes="chart")
        yield LocalFooter()

    def on_mount(self) -> None:
        for button in self.query("#again").results(Button):  # absent if the app is closing
            button.focus(scroll_visible=False)
        for scroll in self.query("#end"):
            scroll.scroll_home(animate=False)

    def _scores(self):
        app = self.app
        lang = app.lang
        sess = app.session
        st, eng = sess.state, sess.engine
        nat, fin, coop = eng.national(st), eng.returns(st), eng.cooperation(st)
        tab = Table(title=t("end.scores", lang), box=None, padding=(0, 2), title_justify="left",
                    title_style="bold")
        tab.add_column("")
        for s in SIDES:
            who = t(f"side_title.{s}", lang)
            if not sess.is_human(s):
                who += f" ({sess.bot_name(s, lang)})"
            tab.add_column(who, justify="right", style="blue" if s == "us" else "red")
        tab.add_row(t("end.national", lang), *(f"{nat[s]:.1f}" for s in SIDES))
        tab.add_row(t("end.final", lang), *(f"{fin[s]:.1f}" for s in SIDES))
        out = Text()
        out.append(t("end.welfare", lang, w=st.welfare) + "\n", style="bold cyan")
        out.append(t("end.cooperation", lang, us=coop["us"], cn=coop["cn"]) + "\n")
        for s in SIDES:
            oid = st.sides[s].objective
            if oid and oid in eng.pack.objectives:
                met = eng.rules.objective_met(st, s, oid)
                out.append(t("end.objective", lang, side=t(f"side_title.{s}", lang),
                             name=eng.pack.objectives[oid].name.get(lang),
                             met=t("end.met" if met else "end.not_met", lang)) + "\n",
                           style="green" if met else "grey62")
        from rich.console import Group
        return Group(tab, out)

    def _charts(self) -> list:
        from rich.console import Group
        lang = self.app.lang
        hist = self.app.session.state.history
        if not hist:
            return []
        welfare = [h.snapshot.get("welfare", 0) for h in hist]
        if self.app.session.engine.rules.classic:  # no trust or ladder: the summed payoffs
            charts = [("end.chart_score_" + s, [h.snapshot.get(s, {}).get("national", 0) for h in hist],
                       "blue" if s == "us" else "red", None, None) for s in SIDES]
            charts.insert(1, ("end.chart_welfare", welfare, "cyan", None, None))
        else:
            charts = [("end.chart_trust", [h.snapshot.get("trust", 0) for h in hist], "green", 0, 100),
                      ("end.chart_welfare", welfare, "cyan", None, None),
                      ("end.chart_tension", [h.snapshot.get("tension", 0) for h in hist], "red", 0, 100)]
        h = 5 if self.app.size.height < 30 else 8
        room = (self.app.size.width - 8) // 3 - 8
        cw = max(1, min(3, room // max(1, len(hist))))
        parts = []
        for key, series, style, lo, hi in charts:
            parts.append(Group(Text(t(key, lang), style=f"bold {style}"),
                               column_chart(series, height=h, lo=lo, hi=hi, style=style,
                                            col_width=cw)))
        return parts

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "again":
            self.action_again()
        elif event.button.id == "save":
            self.app.action_save_as()
        elif event.button.id == "report":
            self.action_report()
        elif event.button.id == "export":
            self.app.action_export_report()
        else:
            self.action_menu()

    def action_report(self) -> None:
        from .report import ReportScreen

        self.app.push_screen(ReportScreen())

    def action_again(self) -> None:
        self.app.play_again()

    def action_menu(self) -> None:
        self.app.to_menu()
