"""Staff pages about Min side matters, under the case (/sag/<id>/…)."""

from django.urls import path

from . import staff_views

app_name = "consent"
urlpatterns = [
    path("<int:pk>/samtykke/", staff_views.case_consent, name="case"),
]
