"""Every screen of the app, registered once: the navigation is built from this list.

A feature adds its view here (key, Persian title, factory, roles). Entries for features
that are not built yet open a page that says so — no button does nothing.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

from desktop.context import AppContext, ViewRegistry
from desktop.services.session import Role
from desktop.strings.account_views import Account
from desktop.strings.audit_views import AuditPage
from desktop.strings.backup_views import BackupsPage
from desktop.strings.hq_views import HQ_NAV_TITLES
from desktop.strings.report_views import CommitmentsPage, ReportsPage
from desktop.strings.shell_views import NAV_TITLES, PLANNED_DESCRIPTIONS
from desktop.strings.shop_views import SHOP_NAV_TITLES

ADMIN, CLERK, TRAINER, SHOP = Role.ADMIN, Role.CLERK, Role.TRAINER, Role.SHOP
HQ_ADMIN, HQ_ANALYST = Role.HQ_ADMIN, Role.HQ_ANALYST

# Pages not built yet: key, roles, group (their titles and descriptions are strings).
PLANNED: list[tuple[str, set[Role], str]] = []
# Headquarters' pages (views/hq/), for HQ's roles only: a center's users never see them,
# and HQ's users see none of a center's pages but certificate verification and their
# account. The centers page is their first page.
HQ_PAGES = [
    ("hq_centers", {HQ_ADMIN, HQ_ANALYST}, "centers_view", "CentersView"),
    ("hq_import", {HQ_ADMIN}, "imports_view", "ImportView"),
    ("hq_refusals", {HQ_ADMIN}, "refusals_view", "RefusalsView"),
    ("hq_duplicates", {HQ_ADMIN, HQ_ANALYST}, "duplicates_view", "DuplicatesView"),
    ("hq_search", {HQ_ADMIN, HQ_ANALYST}, "search_view", "SearchAllView"),
    ("hq_provision", {HQ_ADMIN}, "provision_view", "ProvisionView"),
]
# The shop's pages (views/shop/): key, roles, module, class. A shop user sees these
# and their account only; the home page is not theirs, so the till is their first page.
SHOP_PAGES = [
    ("sales", {ADMIN, SHOP}, "till", "TillView"),
    ("shop_products", {ADMIN, SHOP}, "products_view", "ProductsView"),
    ("producers", {ADMIN, SHOP}, "producers_view", "ProducersView"),
    ("daily_close", {ADMIN, SHOP}, "close_view", "CloseView"),
    ("settlements", {ADMIN, SHOP}, "settlement_view", "SettlementView"),
    ("shops", {ADMIN}, "shops_view", "ShopsView"),
]


def build_registry() -> ViewRegistry:
    registry = ViewRegistry()
    registry.add_view(
        "home", NAV_TITLES["home"], _home, roles={ADMIN, CLERK, TRAINER}, group="home"
    )
    for key, roles, module, name in HQ_PAGES:
        registry.add_view(
            key, HQ_NAV_TITLES[key], _page("hq", module, name), roles=roles, group="hq"
        )
    registry.add_view(
        "applicants",
        NAV_TITLES["applicants"],
        _applicants,
        roles={ADMIN, CLERK, TRAINER},
        group="clerk",
    )
    registry.add_view(
        "followups", NAV_TITLES["followups"], _followups, roles={ADMIN, CLERK}, group="clerk"
    )
    registry.add_view(
        "applicant_import",
        NAV_TITLES["applicant_import"],
        _import,
        roles={ADMIN, CLERK},
        group="clerk",
    )
    registry.add_view(
        "courses", NAV_TITLES["courses"], _courses, roles={ADMIN, CLERK, TRAINER}, group="trainer"
    )
    registry.add_view(
        "certificates",
        NAV_TITLES["certificates"],
        _certificates,
        # A clerk verifies, and HQ's users (any center's certificate); issuing and
        # revoking are not theirs.
        roles={ADMIN, CLERK, TRAINER, HQ_ADMIN, HQ_ANALYST},
        group="trainer",
    )
    for key, roles, module, name in SHOP_PAGES:
        registry.add_view(
            key, SHOP_NAV_TITLES[key], _page("shop", module, name), roles=roles, group="shop"
        )
    registry.add_view(
        "reports",
        ReportsPage.NAV_TITLE,
        _page("reports", "reports_view", "ReportsView"),
        # Each role sees the reports that are its (services/reports: READERS).
        roles={ADMIN, CLERK, TRAINER, SHOP, HQ_ADMIN, HQ_ANALYST},
        group="reports",
    )
    registry.add_view(
        "commitments",
        CommitmentsPage.NAV_TITLE,
        _page("reports", "commitments_view", "CommitmentsView"),
        roles={ADMIN, CLERK, HQ_ADMIN, HQ_ANALYST},  # the administrators enter them
        group="reports",
    )
    for key, roles, group in PLANNED:
        title, description = NAV_TITLES[key], PLANNED_DESCRIPTIONS[key]
        registry.add_view(key, title, _coming(title, description), roles=roles, group=group)
    registry.add_view("sync", NAV_TITLES["sync"], _sync, roles={ADMIN, CLERK}, group="admin")
    # HQ's administrator manages HQ's own users (services/users.py: HQ's roles only).
    registry.add_view("users", NAV_TITLES["users"], _users, roles={ADMIN, HQ_ADMIN}, group="admin")
    registry.add_view("settings", NAV_TITLES["settings"], _settings, roles={ADMIN}, group="admin")
    registry.add_view(
        "backups",
        BackupsPage.NAV_TITLE,
        _backups,
        roles={ADMIN},
        group="admin",
    )
    registry.add_view(
        "audit",
        AuditPage.NAV_TITLE,
        _audit,
        roles={ADMIN, HQ_ADMIN},  # the trail of the installation they administer
        group="admin",
    )
    registry.add_view("account", Account.NAV_TITLE, _account, group="account")
    return registry


def _home(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.home_view import HomeView

    return HomeView(parent, context)


def _applicants(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.applicants_view import ApplicantsView

    return ApplicantsView(parent, context)


def _followups(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.followups_view import FollowUpsView

    return FollowUpsView(parent, context, on_open_applicant=context.open_applicant)


def _import(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.applicant_import import ImportView

    return ImportView(parent, context)


def _courses(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.courses_view import CoursesView

    return CoursesView(parent, context)


def _certificates(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.certificates_view import CertificatesView

    return CertificatesView(parent, context)


def _sync(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.sync_view import SyncView

    return SyncView(parent, context)


def _users(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.users_view import UsersView

    return UsersView(parent, context)


def _settings(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.settings_view import SettingsView

    return SettingsView(parent, context)


def _account(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.account_view import AccountView

    return AccountView(parent, context)


def _backups(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.backups_view import BackupsView

    return BackupsView(parent, context)


def _audit(parent: tk.Misc, context: AppContext) -> tk.Widget:
    from desktop.views.audit_view import AuditView

    return AuditView(parent, context)


def _page(package: str, module: str, name: str) -> Callable[[tk.Misc, AppContext], tk.Widget]:
    """The factory of a page of views/`package`/ (shop, hq), its module imported when
    first opened."""

    def factory(parent: tk.Misc, context: AppContext) -> tk.Widget:
        import importlib

        page: Callable[[tk.Misc, AppContext], tk.Widget] = getattr(
            importlib.import_module(f"desktop.views.{package}.{module}"), name
        )
        return page(parent, context)

    return factory


def _coming(title: str, description: str) -> Callable[[tk.Misc, AppContext], tk.Widget]:
    def factory(parent: tk.Misc, context: AppContext) -> tk.Widget:
        from desktop.views.coming_soon import ComingSoonView

        return ComingSoonView(parent, title, description)

    return factory
