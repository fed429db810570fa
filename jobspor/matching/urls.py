from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("job/<int:pk>/", views.job_candidates, name="job_candidates"),
    path("job/<int:pk>/shortliste/", views.shortlist_add, name="shortlist_add"),
    path("job/<int:pk>/send/", views.shortlist_send, name="shortlist_send"),
    path("job/<int:pk>/pladser/", views.places, name="places"),
    path("kandidat/<int:entry_pk>/udfald/", views.shortlist_outcome, name="shortlist_outcome"),
    path("samlet/", views.bulk_proposal, name="bulk"),
]
