from django.urls import path

from . import views

app_name = "fidelity"
urlpatterns = [
    path("test-praksis/", views.overview, name="overview"),
    path("test-praksis/team/<int:team>/", views.team, name="team"),
    path("test-praksis/team/<int:team>/<str:start>/", views.checklist, name="checklist"),
    path("test-praksis/team/<int:team>/<str:start>/<int:question>/", views.answer, name="answer"),
    path("sagsstamme/", views.caseload, name="caseload"),
    path("sagsstamme/norm/", views.norm, name="norm"),
]
