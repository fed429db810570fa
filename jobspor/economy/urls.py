from django.urls import path

from . import views

app_name = "economy"
urlpatterns = [
    path("<int:pk>/oekonomi/", views.case_economy, name="case"),
]
