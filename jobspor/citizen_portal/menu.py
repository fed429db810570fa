"""Min side's menu. A feature adds its line here; an entry whose page is not (yet) there is left out."""

from django.utils.translation import gettext_lazy as _

from jobspor.portal.menu import menu_items as portal_menu_items

MENU = [
    ("plan", _("Min plan"), "minside:plan"),
    ("cv", _("Mit CV"), "minside:cv"),
    ("hours", _("Mine timer og aftaler"), "minside:hours"),
    ("appointments", _("Mine møder"), "minside:appointments"),
    ("messages", _("Beskeder"), "minside:messages"),
    ("letters", _("Mine breve"), "minside:letters"),
    ("economy", _("Ordinære timer og min økonomi"), "minside:economy"),
    ("access_log", _("Hvem har set mine oplysninger"), "minside:access_log"),
]


def menu_items():
    return portal_menu_items(MENU)
