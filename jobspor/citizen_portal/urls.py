"""Min side (/min-side/). Every page is for the logged-in citizen only (citizen_portal.access.citizen_view)."""

from django.urls import path

from jobspor.messaging import views_portal as messaging

from . import views

app_name = "minside"
urlpatterns = [
    path("", views.home, name="home"),
    path("log-ind/", views.login_page, name="login"),
    path("log-ind/demo/", views.demo_login, name="demo_login"),
    path("log-af/", views.logout_view, name="logout"),
    path("samtykke/", views.consent, name="consent"),
    path("beskeder/", messaging.citizen_messages, name="messages"),
    path("beskeder/ny/", messaging.citizen_message_new, name="message_new"),
    path("beskeder/<int:pk>/", messaging.citizen_thread, name="thread"),
    path("beskeder/vedhaeftning/<int:pk>/", messaging.citizen_attachment, name="attachment"),
]
