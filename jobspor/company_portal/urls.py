"""Virksomhedsindgang (/virksomhed/). Every page is for a logged-in company user, own CVR only
(company_portal.access.company_view)."""

from django.urls import path

from jobspor.economy import portal_views as economy_views
from jobspor.placements import company_portal_views as placements_views

from . import views

app_name = "virk"
urlpatterns = [
    path("", views.home, name="home"),
    path("log-ind/", views.login_page, name="login"),
    path("log-ind/demo/", views.demo_login, name="demo_login"),
    path("log-af/", views.logout_view, name="logout"),
    path("aftaler/", placements_views.agreements, name="agreements"),
    path("aftaler/<int:placement_pk>/", placements_views.agreement_detail, name="agreement"),
    path("aftaler/<int:placement_pk>/<int:version>/pdf/", placements_views.agreement_pdf, name="agreement_pdf"),
    path("timer/", placements_views.hours, name="hours"),
    path("timer/<int:placement_pk>/", placements_views.hours_report_view, name="hours_report"),
    path("opfoelgning/", placements_views.followups, name="followups"),
    path("opfoelgning/<int:placement_pk>/", placements_views.followup_new, name="followup"),
    path("oekonomi/", economy_views.virk_economy, name="economy"),
]
