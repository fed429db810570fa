"""Virksomhedsindgang (/virksomhed/). Every page is for a logged-in company user, own CVR only
(company_portal.access.company_view)."""

from django.urls import path

from jobspor.economy import portal_views as economy_views
from jobspor.jobs import portal_views as jobs_views
from jobspor.matching import portal_views as matching_views
from jobspor.messaging import views_portal as messaging

from . import users_views, views

app_name = "virk"
urlpatterns = [
    path("", views.home, name="home"),
    path("log-ind/", views.login_page, name="login"),
    path("log-ind/demo/", views.demo_login, name="demo_login"),
    path("log-af/", views.logout_view, name="logout"),
    path("beskeder/", messaging.company_messages, name="messages"),
    path("beskeder/ny/", messaging.company_message_new, name="message_new"),
    path("beskeder/<int:pk>/", messaging.company_thread, name="thread"),
    path("beskeder/vedhaeftning/<int:pk>/", messaging.company_attachment, name="attachment"),
    path("oekonomi/", economy_views.virk_economy, name="economy"),
    path("opslag/", jobs_views.openings, name="openings"),
    path("opslag/nyt/", jobs_views.opening_new, name="opening_new"),
    path("opslag/<int:pk>/", jobs_views.opening_detail, name="opening"),
    path("kandidater/", matching_views.candidates, name="candidates"),
    path("kandidater/<int:pk>/", matching_views.candidate, name="candidate"),
    path("brugere/", users_views.users, name="users"),
    path("brugere/<int:pk>/", users_views.user_edit, name="user"),
]
