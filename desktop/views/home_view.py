"""Home: who and where you are, today's date, and the center's figures."""

from __future__ import annotations

import datetime as dt
import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.services.dashboard import summary
from desktop.strings import ROLE_NAMES
from desktop.strings.home_views import Home
from desktop.text.digits import group_thousands, persian_digits
from desktop.text.jalali import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    format_jalali,
    jalali_parts,
    weekday_index,
)
from desktop.views.widgets.flow import CardGrid
from desktop.views.widgets.rtl import RLabel


class HomeView(ttk.Frame):
    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        session = context.session
        assert session is not None
        figures = summary(session)
        today = dt.date.today()
        greeting = (
            Home.GREETING.format(name=figures.person_name)
            if figures.person_name
            else Home.GREETING_NO_NAME
        )
        RLabel(self, text=greeting, font="-size 18 -weight bold").pack(fill="x")
        if not figures.person_name:
            RLabel(self, text=Home.NAME_MISSING, bootstyle="warning").pack(fill="x", pady=(4, 0))
        RLabel(
            self,
            text=f"{WEEKDAY_NAMES[weekday_index(today)]} {format_jalali(today, long=True)}",
            bootstyle="secondary",
            font="-size 12",
        ).pack(fill="x", pady=(4, 18))
        if figures.demo_data:
            RLabel(
                self,
                text=Home.TRAINING_DATABASE,
                bootstyle="@warning",
                padding=(10, 6),
            ).pack(fill="x", pady=(0, 6))
        if figures.registry is not None:
            self._section(Home.REGISTRY_SECTION)
            cards = self._cards()
            registry = figures.registry
            self._card(
                cards,
                Home.APPLICANTS,
                group_thousands(registry.applicants),
                Home.APPLICANTS_CAPTION,
            )
            self._card(
                cards,
                Home.REGISTERED_THIS_MONTH,
                group_thousands(registry.registered_this_month),
                MONTH_NAMES[jalali_parts(today)[1] - 1],
            )
            self._card(
                cards, Home.IN_TRAINING, group_thousands(registry.in_training), Home.PEOPLE_CAPTION
            )
            self._card(
                cards, Home.EMPOWERED, group_thousands(registry.empowered), Home.PEOPLE_CAPTION
            )
            self._card(
                cards,
                Home.DUE_FOLLOW_UPS,
                group_thousands(registry.due_follow_ups),
                Home.DUE_CAPTION,
                bootstyle="warning" if registry.due_follow_ups else "light",
            )
        if figures.users_by_role:
            self._section(Home.CENTER_SECTION)
            cards = self._cards()
            for role, count in figures.users_by_role.items():
                self._card(
                    cards, ROLE_NAMES[role.value], group_thousands(count), Home.ACTIVE_USERS_CAPTION
                )
            self._card(
                cards,
                Home.CHANGES,
                group_thousands(figures.changes_recorded),
                Home.CHANGES_TRAINING if figures.changes_to_send is None else Home.CHANGES_TO_SEND,
            )
            if figures.backups_apply:
                self._backup_card(cards, figures.last_backup_at, today)
        if figures.previous_login_at:
            from desktop.text.jalali import format_jalali_datetime

            RLabel(
                self,
                text=Home.PREVIOUS_LOGIN.format(
                    when=format_jalali_datetime(figures.previous_login_at)
                ),
                bootstyle="secondary",
            ).pack(fill="x", pady=(18, 0))

    def _backup_card(self, cards: CardGrid, last: dt.datetime | None, today: dt.date) -> None:
        """How old the last backup is; a warning when never or older than a week."""
        from desktop.services.backups import STALE_DAYS
        from desktop.strings.backup_views import BackupsPage

        days = None if last is None else (today - last.date()).days
        if days is None:
            value, caption = Home.BACKUP_NEVER, Home.BACKUP_NEVER_CAPTION
        else:
            value = (
                BackupsPage.TODAY
                if days <= 0
                else BackupsPage.DAYS_AGO.format(days=persian_digits(days))
            )
            caption = Home.BACKUP_CAPTION
        stale = days is None or days > STALE_DAYS
        self._card(
            cards, Home.LAST_BACKUP, value, caption, bootstyle="warning" if stale else "light"
        )

    def _section(self, title: str) -> None:
        RLabel(self, text=title, font="-size 13 -weight bold", bootstyle="primary").pack(
            fill="x", pady=(12, 6)
        )

    def _cards(self) -> CardGrid:
        cards = CardGrid(self)  # fewer cards to a row in a narrow window
        cards.pack(fill="x")
        return cards

    def _card(
        self, parent: CardGrid, title: str, value: str, caption: str, bootstyle: str = "light"
    ) -> None:
        card = ttk.Frame(parent, padding=(16, 12), bootstyle=bootstyle)
        label_style = f"@{bootstyle}"  # text on the card's own surface
        RLabel(card, text=title, font="-weight bold", bootstyle=label_style).pack(fill="x")
        RLabel(card, text=value, font="-size 20 -weight bold", bootstyle=label_style).pack(fill="x")
        RLabel(card, text=caption, bootstyle=label_style).pack(fill="x")
        parent.add(card)
