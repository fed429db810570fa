"""Virksomhedsindgang's menu. A feature adds its line here; an entry whose page is not (yet) there is left out."""

from django.utils.translation import gettext_lazy as _

from jobspor.portal.menu import menu_items as portal_menu_items

MENU = [
    ("openings", _("Opslag"), "virk:openings"),
    ("candidates", _("Kandidater"), "virk:candidates"),
    ("agreements", _("Aftaler"), "virk:agreements"),
    ("hours", _("Timer"), "virk:hours"),
    ("followups", _("Opfølgning"), "virk:followups"),
    ("messages", _("Beskeder"), "virk:messages"),
    ("economy", _("Hvad giver ordinære timer borgeren?"), "virk:economy"),
    ("users", _("Brugere"), "virk:users"),
]


def menu_items():
    return portal_menu_items(MENU)
