from django.urls import path

from jobspor.assessments import views as assessment_views

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("ny/", views.case_create, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/rediger/", views.case_edit, name="edit"),
    path("<int:pk>/cpr/", views.cpr_reveal, name="cpr"),
    path("<int:pk>/borger/", views.citizen_edit, name="citizen_edit"),
    path("<int:pk>/medarbejdere/", views.staff_add, name="staff_add"),
    path("<int:pk>/medarbejdere/<int:link_pk>/fjern/", views.staff_remove, name="staff_remove"),
    path("<int:pk>/medarbejdere/<int:link_pk>/primaer/", views.staff_primary, name="staff_primary"),
    path("<int:pk>/vurdering/", assessment_views.assessment_new, name="assessment_new"),
    path("<int:pk>/vurdering/forslag/", assessment_views.assessment_suggestion, name="assessment_suggestion"),
]
