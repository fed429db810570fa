"""Min side (/min-side/). Every page is for the logged-in citizen only (citizen_portal.access.citizen_view)."""

from django.urls import path

from jobspor.appointments import portal_views as appointment_views
from jobspor.audit import portal_views as audit_views
from jobspor.cv import portal_views as cv_views
from jobspor.economy import portal_views as economy_views
from jobspor.letters import portal_views as letter_views
from jobspor.messaging import views_portal as messaging
from jobspor.placements import portal_views as placement_views
from jobspor.plans import portal_views as plan_views
from jobspor.signing import portal_views as signing_views

from . import views

app_name = "minside"
urlpatterns = [
    path("", views.home, name="home"),
    path("log-ind/", views.login_page, name="login"),
    path("log-ind/demo/", views.demo_login, name="demo_login"),
    path("log-af/", views.logout_view, name="logout"),
    path("samtykke/", views.consent, name="consent"),
    path("beskeder/", messaging.citizen_messages, name="messages"),
    path("beskeder/ny/", messaging.citizen_message_new, name="message_new"),
    path("beskeder/<int:pk>/", messaging.citizen_thread, name="thread"),
    path("beskeder/vedhaeftning/<int:pk>/", messaging.citizen_attachment, name="attachment"),
    path("timer/", placement_views.hours, name="hours"),
    path("timer/<int:placement_pk>/aftale/<int:version>/pdf/", placement_views.agreement_pdf, name="agreement_pdf"),
    path("timer/<int:placement_pk>/underskriv/", placement_views.agreement_sign, name="agreement_sign"),
    path("hvem-har-set/", audit_views.access_log, name="access_log"),
    path("oekonomi/", economy_views.minside_economy, name="economy"),
    path("plan/", plan_views.plan, name="plan"),
    path("plan/underskriv/<int:doc_pk>/", signing_views.plan_sign, name="plan_sign"),
    path("plan/aktivitet/", plan_views.activity_add, name="activity_add"),
    path("plan/kommentar/", plan_views.plan_comment, name="plan_comment"),
    path("plan/delmaal/<int:pk>/udfoert/", plan_views.sub_goal_done, name="sub_goal_done"),
    path("plan/delmaal/<int:pk>/kommentar/", plan_views.sub_goal_comment, name="sub_goal_comment"),
    path("cv/", cv_views.cv, name="cv"),
    path("cv/punkt/", cv_views.item_add, name="cv_item_add"),
    path("cv/timer/", cv_views.hours_save, name="cv_hours"),
    path("cv/forslag/", cv_views.suggest, name="cv_suggest"),
    path("breve/", letter_views.letters, name="letters"),
    path("breve/<int:pk>/pdf/", letter_views.letter_pdf, name="letter_pdf"),
    path("moeder/", appointment_views.my_appointments, name="appointments"),
    path("moeder/<int:pk>/", appointment_views.my_appointment, name="appointment"),
    path("moeder/<int:pk>/kalender.ics", appointment_views.my_appointment_ics, name="appointment_ics"),
]
