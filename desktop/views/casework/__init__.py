"""The casework tabs of an applicant's file: follow-ups, ideas, outcomes, links.

One module per tab, over what they share in `base` (the frame with its side form,
error display and the CHANGED event). The file page gets them through
`applicant_tabs.casework_tabs`.
"""

from desktop.views.casework.base import CHANGED
from desktop.views.casework.follow_ups import FollowUpsTab
from desktop.views.casework.ideas import IdeasTab
from desktop.views.casework.links import LinksTab
from desktop.views.casework.outcomes import OutcomesTab

__all__ = ["CHANGED", "FollowUpsTab", "IdeasTab", "LinksTab", "OutcomesTab"]
