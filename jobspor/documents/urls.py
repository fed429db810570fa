from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("<int:pk>/dokumenter/ny/", views.upload, name="upload"),
    path("<int:pk>/dokumenter/<int:document_pk>/", views.download, name="download"),
]
