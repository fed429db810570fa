from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("", views.my_tasks, name="my_tasks"),
]
