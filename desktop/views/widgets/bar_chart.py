"""A report's chart on a Tk canvas: horizontal bars, right to left — each label at the
right, its bar growing leftwards, its figure at the bar's end; a funnel's bars centred.

A canvas rather than matplotlib: the app already has the fonts and the display
conversion (`t`), and a canvas costs nothing at start-up or when the page opens
(matplotlib's import alone is ~0.5 s). Labels are converted for Tk only here, where
they are drawn; the chart redraws itself when its size changes.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont
from typing import Any

import ttkbootstrap as ttk

from desktop.services.reports import Chart
from desktop.text.digits import format_number
from desktop.views.widgets.rtl import t

ROW = 28  # pixels a bar's row takes
PAD = 10
BAR = "#3373a6"
EMPTY = "#c9ced6"
REFERENCE = "#b02a2a"


class BarChart(tk.Canvas):
    def __init__(self, master: tk.Misc, *, width: int = 380, **kwargs: Any):
        kwargs.setdefault("highlightthickness", 0)
        kwargs.setdefault("background", ttk.Style().lookup("TFrame", "background"))
        super().__init__(master, width=width, height=ROW, **kwargs)
        self.chart: Chart | None = None
        self.bind("<Configure>", lambda _e: self.redraw())

    def show(self, chart: Chart | None) -> None:
        self.chart = chart
        rows = len(chart.labels) if chart else 0
        self.configure(height=max(1, rows + 1) * ROW + PAD)
        self.redraw()

    def redraw(self) -> None:
        self.delete("all")
        chart = self.chart
        if chart is None or not chart.labels:
            return
        font = tkfont.nametofont("TkDefaultFont")
        bold = tkfont.Font(font=font)
        bold.configure(weight="bold")
        width = max(self.winfo_width(), int(self.cget("width")))
        right = width - PAD
        self.create_text(right, ROW / 2, text=t(chart.title), anchor="e", font=bold)
        labels = [t(label) for label in chart.labels]
        figures = [format_number(value, decimals=1) for value in chart.values]
        label_room = max(font.measure(label) for label in labels) + PAD
        figure_room = max(font.measure(figure) for figure in figures) + PAD
        room = max(10, right - label_room - figure_room - PAD)
        largest = max(*chart.values, chart.reference or 0) or 1
        bar_right = right - label_room
        for index, (label, value, figure) in enumerate(
            zip(labels, chart.values, figures, strict=True)
        ):
            middle = ROW * (index + 1) + ROW / 2
            self.create_text(right, middle, text=label, anchor="e", font=font)
            length = room * max(value, 0) / largest
            end = bar_right - (room - length) / 2 if chart.kind == "funnel" else bar_right
            self.create_rectangle(
                end - max(length, 1),
                middle - ROW * 0.3,
                end,
                middle + ROW * 0.3,
                fill=BAR if value else EMPTY,
                width=0,
            )
            self.create_text(end - length - 4, middle, text=figure, anchor="e", font=font)
        if chart.reference is not None:
            x = bar_right - room * chart.reference / largest
            bottom = ROW * (len(labels) + 1)
            self.create_line(x, ROW, x, bottom, fill=REFERENCE, dash=(4, 3), width=2)
