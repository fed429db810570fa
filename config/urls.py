from django.contrib import admin
from django.urls import include, path

from jobspor.core import security_txt
from jobspor.core import team as core_team
from jobspor.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path(".well-known/security.txt", security_txt.security_txt, name="security_txt"),
    path(".well-known/security-policy.txt", security_txt.security_policy, name="security_policy"),
    path("team/", core_team.team, name="team"),
    path("konto/", include("jobspor.accounts.urls")),
    path("konto/sso/", include("jobspor.sso.urls")),
    path("sag/", include("jobspor.cases.urls")),
    path("sag/", include("jobspor.audit.urls")),
    path("sag/", include("jobspor.cv.urls")),
    path("sag/", include("jobspor.plans.urls")),
    path("sag/", include("jobspor.mentors.urls")),
    path("sag/", include("jobspor.placements.urls")),
    path("sag/", include("jobspor.signing.urls")),
    path("opgaver/", include("jobspor.followup.urls")),
    path("virksomheder/", include("jobspor.companies.urls")),
    path("job/", include("jobspor.jobs.urls")),
    path("ledelsesinfo/sammenligning/", include("jobspor.comparison.urls")),
    path("ledelsesinfo/", include("jobspor.kpi.urls")),
    path("ledelsesinfo/", include("jobspor.fidelity.urls")),
    path("match/", include("jobspor.matching.urls")),
    path("", include("jobspor.contacts.urls")),
    path("sag/", include("jobspor.efforts.urls")),
    path("sag/", include("jobspor.economy.urls")),
    path("sag/", include("jobspor.letters.urls")),
    path("", include("jobspor.forecast.urls")),
    path("", include("jobspor.messaging.urls")),
    path("sag/", include("jobspor.citizen_portal.staff_urls")),
    path("", include("jobspor.documents.urls")),
    path("min-side/", include("jobspor.citizen_portal.urls")),
    path("virksomhed/", include("jobspor.company_portal.urls")),
    path("saml/", include("jobspor.portal.saml.urls")),
    path("soeg/", include("jobspor.search.urls")),
    path("diktat/", include("jobspor.dictation.urls")),
    path("", include("jobspor.appointments.urls")),
    path("sparring/", include("jobspor.sparring.urls")),
    path("makkerskab/", include("jobspor.pairs.urls")),
    path("drift/koersler/", include("jobspor.scheduling.urls")),
    path("api/v1/", include("jobspor.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "jobspor.core.views.permission_denied"
handler404 = "jobspor.core.views.page_not_found"
handler500 = "jobspor.core.views.server_error"
