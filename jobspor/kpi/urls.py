from django.urls import path

from . import views

app_name = "kpi"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sager/", views.drill, name="drill"),
    path("eksport/", views.export, name="export"),
]
