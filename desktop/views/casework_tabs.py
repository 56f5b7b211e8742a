"""The casework tabs' old home, kept so `from desktop.views.casework_tabs import ...` works.

The tabs now live one per module in the `desktop.views.casework` package; import
them from there.
"""

from desktop.views.casework import CHANGED, FollowUpsTab, IdeasTab, LinksTab, OutcomesTab

__all__ = ["CHANGED", "FollowUpsTab", "IdeasTab", "LinksTab", "OutcomesTab"]
