from django.urls import path

from . import views

app_name = "appointments"
urlpatterns = [
    path("sag/<int:pk>/moeder/nyt/", views.appointment_new, name="new"),
    path("virksomheder/<int:pk>/moeder/nyt/", views.appointment_company_new, name="company_new"),
    path("kalender/", views.calendar, name="calendar"),
    path("kalender/abonnement/", views.feed_settings, name="feed_settings"),
    path("kalender/feed/<str:token>.ics", views.feed, name="feed"),
    path("kalender/moede/<int:appointment_pk>/", views.appointment_detail, name="detail"),
    path("kalender/moede/<int:appointment_pk>/ret/", views.appointment_edit, name="edit"),
    path("kalender/moede/<int:appointment_pk>/status/", views.appointment_status, name="status"),
    path("kalender/moede/<int:appointment_pk>/invitation.ics", views.appointment_ics, name="ics"),
]
