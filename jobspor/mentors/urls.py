from django.urls import path

from . import views

app_name = "mentors"
urlpatterns = [
    path("mentor/mine/", views.my_assignments, name="mine"),
    path("<int:pk>/mentor/ny/", views.assignment_new, name="assignment_new"),
    path("<int:pk>/mentor/<int:assignment_pk>/", views.assignment_edit, name="assignment_edit"),
    path("<int:pk>/mentor/<int:assignment_pk>/opfoelgning/", views.follow_up_add, name="follow_up_add"),
]
