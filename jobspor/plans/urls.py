from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("<int:pk>/plan/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/plan/delmaal/ny/", views.sub_goal_add, name="sub_goal_add"),
    path("<int:pk>/plan/delmaal/<int:sub_goal_pk>/", views.sub_goal_edit, name="sub_goal_edit"),
    path("<int:pk>/plan/delmaal/<int:sub_goal_pk>/opfoelgning/", views.note_add, name="note_add"),
    path("<int:pk>/plan/kommentar/", views.comment_add, name="comment_add"),
]
