"""Persian for ttkbootstrap's own dialogs (its Messagebox, Querybox, DatePicker…).

ttkbootstrap looks its button captions up in a message catalogue. We register Persian
translations, converted for this process's Tk (on X11 they are reshaped and reordered
like every other string), and select the 'fa' locale.
"""

from __future__ import annotations

from ttkbootstrap.localization.msgcat import MessageCatalog

from desktop.strings.widget_views import TTK_CATALOG
from desktop.views.widgets.rtl import t


def install_persian_catalog() -> None:
    for source, translated in TTK_CATALOG.items():
        MessageCatalog.set("fa", source, t(translated))
    MessageCatalog.locale("fa")
