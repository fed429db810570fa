from django.urls import path

from . import views

app_name = "sparring"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/punkt/<int:item_pk>/", views.decision, name="decision"),
    path("<int:pk>/tilfoej/", views.case_add, name="case_add"),
]
