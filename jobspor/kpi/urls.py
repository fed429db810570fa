from django.urls import path

from . import views

app_name = "kpi"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sager/", views.drill, name="drill"),
    path("eksport/", views.export, name="export"),
    path("maal/", views.goals, name="goals"),
    path("maal/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("maal/<int:pk>/slet/", views.goal_delete, name="goal_delete"),
    path("visitationer/", views.visitations, name="visitations"),
    path("visitationer/<int:pk>/", views.visitation_edit, name="visitation_edit"),
    path("screening/", views.screening, name="screening"),
]
