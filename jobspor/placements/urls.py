from django.urls import path

from . import review_views, views

app_name = "placements"
urlpatterns = [
    path("forloeb/markerede/", views.flagged_list, name="flagged"),
    path("forloeb/timer-fra-virksomheder/", review_views.queue, name="reported_hours"),
    path("<int:pk>/forloeb/ny/", views.placement_create, name="create"),
    path("<int:pk>/forloeb/<int:placement_pk>/", views.placement_detail, name="detail"),
    path("<int:pk>/forloeb/<int:placement_pk>/start/", views.placement_start, name="start"),
    path("<int:pk>/forloeb/<int:placement_pk>/afslut/", views.placement_end, name="end"),
    path("<int:pk>/forloeb/<int:placement_pk>/aftale/", views.agreement_edit, name="agreement_edit"),
    path("<int:pk>/forloeb/<int:placement_pk>/aftale/<int:version>/", views.agreement_view, name="agreement"),
    path("<int:pk>/forloeb/<int:placement_pk>/aftale/<int:version>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/forloeb/<int:placement_pk>/underskriv/", views.agreement_sign, name="sign"),
    path("<int:pk>/forloeb/<int:placement_pk>/timer/", views.hours_grid, name="hours"),
    path("<int:pk>/forloeb/<int:placement_pk>/timer/<int:hours_pk>/bekraeft/", review_views.review,
         name="hours_review"),
    path("<int:pk>/forloeb/<int:placement_pk>/opfoelgning/", views.follow_up_new, name="follow_up"),
]
