from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("sag/<int:pk>/dokumenter/ny/", views.upload, name="upload"),
    path("sag/<int:pk>/dokumenter/<int:document_pk>/", views.download, name="download"),
    path("virksomheder/<int:pk>/dokumenter/<int:document_pk>/", views.company_download, name="company_download"),
]
