"""The Økonomi tab of the case page: a way to the calculator, prefilled from the case."""

from django.utils.translation import gettext_lazy as _

from jobspor.cases.tabs import CaseTab, register

register(CaseTab(key="oekonomi", label=_("Økonomi"), template="economy/_tab_economy.html", order=95))
