"""«Sales at the shop» on an applicant's file: if the person is a producer (a home
business selling through a shop), their monthly sales as income evidence, and a
button that credits the business as a home-business outcome (the registry's writers:
admins and clerks). The tab is only there for a person who is a producer."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services.session import Role
from desktop.services.shops import people, producers
from desktop.services.shops.people import ApplicantProducer
from desktop.strings.shop_views import Income
from desktop.views.casework.base import CHANGED
from desktop.views.shop.producers_view import income_table
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.rtl import RButton, RLabel


def income_tab(
    notebook: ttk.Notebook, context: AppContext, applicant_id: str
) -> list[tuple[str, tk.Widget]]:
    """[(title, tab)] when the applicant is a producer and the reader may see it; []."""
    session = context.session
    if session is None or not (session.is_admin or session.role is Role.CLERK):
        return []
    try:
        found = people.applicant_producers(session, applicant_id)
    except UserError:
        return []
    if not found:
        return []
    return [(Income.TAB, IncomeTab(notebook, context, applicant_id, found))]


class IncomeTab(ttk.Frame):
    def __init__(
        self,
        master: tk.Misc,
        context: AppContext,
        applicant_id: str,
        found: list[ApplicantProducer],
    ):
        super().__init__(master, padding=12)
        assert context.session is not None
        self.session = context.session
        RLabel(self, text=Income.TITLE, font="-weight bold").pack(fill="x")
        names = "، ".join(f"{p.business_name} ({p.code}، {p.shop_name})" for p in found)
        RLabel(self, text=Income.PRODUCERS.format(names=names), bootstyle="secondary").pack(
            fill="x"
        )
        months = producers.producer_income(self.session, applicant_id)
        if months:
            rows = [(m.year, m.month, m.sales, m.lines) for m in months]
            self.table = income_table(self, rows, context.settings.money_unit)
            self.table.pack(fill="both", expand=True, pady=(6, 0))
        else:
            RLabel(self, text=Income.NONE, bootstyle="secondary").pack(fill="x", pady=(6, 0))
        self.message = MessageLine(self, scope=self)
        self.message.pack(fill="x")
        self.buttons: list[RButton] = []
        for producer in found:
            button = RButton(
                self,
                text=f"{Income.CREDIT}: {producer.business_name}",
                bootstyle="success-outline",
                command=lambda p=producer: self.credit(p),
            )
            button.pack(anchor="e", pady=(6, 0))
            self.buttons.append(button)

    def credit(self, producer: ApplicantProducer) -> None:
        try:
            producers.credit_home_business(self.session, producer.producer_id)
        except UserError as error:
            self.message.say(error.message, "danger")
            return
        self.message.say(Income.CREDITED.format(name=producer.business_name))
        self.event_generate(CHANGED)
