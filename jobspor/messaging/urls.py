"""Staff pages of Beskeder (the portals' pages are mounted in citizen_portal/urls.py and company_portal/urls.py)."""

from django.urls import path

from . import views_staff as views

app_name = "messaging"
urlpatterns = [
    path("beskeder/", views.inbox, name="inbox"),
    path("beskeder/vedhaeftning/<int:pk>/", views.attachment, name="attachment"),
    path("sag/<int:pk>/beskeder/ny/", views.case_thread_new, name="case_thread_new"),
    path("sag/<int:pk>/beskeder/<int:thread_pk>/", views.case_thread, name="case_thread"),
    path("virksomheder/<int:pk>/beskeder/ny/", views.company_thread_new, name="company_thread_new"),
    path("virksomheder/<int:pk>/beskeder/<int:thread_pk>/", views.company_thread, name="company_thread"),
    path("ledelsesinfo/svartider/", views.answer_times_page, name="answer_times"),
]
