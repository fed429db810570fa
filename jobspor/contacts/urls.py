from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("sag/<int:pk>/kontakter/ny/", views.contact_create, name="create"),
    path("sag/<int:pk>/kontakter/<int:contact_pk>/ret/", views.contact_edit, name="edit"),
    path("sag/<int:pk>/handlinger/ny/", views.action_create, name="action_create"),
    path("sag/<int:pk>/handlinger/<int:action_pk>/udfoert/", views.action_toggle, name="action_toggle"),
    path("sag/<int:pk>/handlinger/<int:action_pk>/ret/", views.action_edit, name="action_edit"),
    path("standardtekster/", views.standard_text_list, name="standard_texts"),
    path("standardtekster/soeg/", views.standard_text_search, name="standard_text_search"),
    path("opgaver/gaaet-i-staa/", views.stalled_cases, name="stalled"),
]
