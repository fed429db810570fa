from django.urls import path

from . import views

app_name = "letters"
urlpatterns = [
    path("<int:pk>/breve/nyt/", views.letter_new, name="new"),
    path("<int:pk>/breve/<int:letter_pk>/", views.letter_detail, name="detail"),
    path("<int:pk>/breve/<int:letter_pk>/pdf/", views.letter_pdf, name="pdf"),
    path("<int:pk>/breve/<int:letter_pk>/prov-igen/", views.letter_retry, name="retry"),
    path("<int:pk>/breve/<int:letter_pk>/slet/", views.letter_discard, name="discard"),
    path("<int:pk>/breve/digital-post/", views.exemption, name="exemption"),
    path("<int:pk>/breve/fra-moede/<int:appointment_pk>/", views.letter_from_appointment, name="from_appointment"),
]
