from django.urls import path

from . import views

app_name = "signing"
urlpatterns = [
    path("<int:pk>/underskrifter/", views.overview, name="overview"),
    path("<int:pk>/underskrifter/plan/", views.freeze_plan, name="freeze_plan"),
    path("<int:pk>/underskrifter/samtykke/", views.freeze_consent, name="freeze_consent"),
    path("<int:pk>/underskrifter/<int:doc_pk>/", views.document, name="document"),
    path("<int:pk>/underskrifter/<int:doc_pk>/underskriv/", views.sign, name="sign"),
]
