from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("ny/", views.job_create, name="create"),
    path("statistik/", views.job_statistics, name="statistics"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/rediger/", views.job_edit, name="edit"),
    path("<int:pk>/besaet/", views.job_fill, name="fill"),
    path("<int:pk>/set/", views.job_portal_seen, name="portal_seen"),
]
