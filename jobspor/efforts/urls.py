from django.urls import path

from . import views

app_name = "efforts"
urlpatterns = [
    path("<int:pk>/indsatser/ny/", views.effort_create, name="create"),
    path("<int:pk>/indsatser/<int:effort_pk>/ret/", views.effort_edit, name="edit"),
    path("<int:pk>/rehabiliteringsteam/", views.rehab_create, name="rehab_create"),
    path("<int:pk>/underretning/", views.notification_create, name="notification_create"),
]
