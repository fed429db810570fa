from django.urls import path

from . import views

app_name = "pairs"
urlpatterns = [path("", views.pairs_page, name="page")]
