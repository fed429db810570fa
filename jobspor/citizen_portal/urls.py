"""Min side (/min-side/). Every page is for the logged-in citizen only (citizen_portal.access.citizen_view)."""

from django.urls import path

from jobspor.economy import portal_views as economy_views

from . import views

app_name = "minside"
urlpatterns = [
    path("", views.home, name="home"),
    path("log-ind/", views.login_page, name="login"),
    path("log-ind/demo/", views.demo_login, name="demo_login"),
    path("log-af/", views.logout_view, name="logout"),
    path("samtykke/", views.consent, name="consent"),
    path("oekonomi/", economy_views.minside_economy, name="economy"),
]
