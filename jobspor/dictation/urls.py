from django.urls import path

from . import views

app_name = "dictation"
urlpatterns = [
    path("", views.transcribe, name="transcribe"),
]
