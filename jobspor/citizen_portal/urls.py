"""Min side (/min-side/). Every page is for the logged-in citizen only (citizen_portal.access.citizen_view)."""

from django.urls import path

from jobspor.audit import portal_views as audit_views
from jobspor.economy import portal_views as economy_views
from jobspor.placements import portal_views as placement_views

from . import views

app_name = "minside"
urlpatterns = [
    path("", views.home, name="home"),
    path("log-ind/", views.login_page, name="login"),
    path("log-ind/demo/", views.demo_login, name="demo_login"),
    path("log-af/", views.logout_view, name="logout"),
    path("samtykke/", views.consent, name="consent"),
    path("timer/", placement_views.hours, name="hours"),
    path("timer/<int:placement_pk>/aftale/<int:version>/pdf/", placement_views.agreement_pdf, name="agreement_pdf"),
    path("timer/<int:placement_pk>/underskriv/", placement_views.agreement_sign, name="agreement_sign"),
    path("hvem-har-set/", audit_views.access_log, name="access_log"),
    path("oekonomi/", economy_views.minside_economy, name="economy"),
]
