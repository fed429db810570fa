from django.urls import path

from . import views

app_name = "cv"
urlpatterns = [
    path("<int:pk>/cv/punkt/", views.item_add, name="item_add"),
    path("<int:pk>/cv/erfaring/", views.experience_add, name="experience_add"),
    path("<int:pk>/cv/jobmaal/", views.goal_add, name="goal_add"),
    path("<int:pk>/cv/sprog/", views.language_add, name="language_add"),
    path("<int:pk>/cv/timer-og-mobilitet/", views.details_save, name="details"),
    path("<int:pk>/cv/udtalelse/", views.statement_add, name="statement_add"),
    path("<int:pk>/cv/fjern/", views.row_remove, name="remove"),
    path("<int:pk>/cv/pdf/", views.cv_pdf_download, name="pdf"),
    path("cv-forslag/", views.suggest, name="suggest"),
]
