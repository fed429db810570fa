from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("borger/<int:citizen_pk>/adgangslog/", views.citizen_access_log, name="citizen_access_log"),
]
