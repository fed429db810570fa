from django.urls import path

from . import views

app_name = "forecast"
urlpatterns = [
    path("sag/<int:pk>/prognose/", views.forecast_record, name="record"),
    path("sag/<int:pk>/prognose/udfoert/", views.action_done, name="action_done"),
    path("prognose/team/", views.team, name="team"),
    path("prognose/team/traefsikkerhed/", views.team_accuracy, name="team_accuracy"),
]
