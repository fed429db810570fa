from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from . import views

app_name = "api"

urlpatterns = [
    path("token/", views.Token.as_view(), name="token"),
    path("cases/", views.CaseList.as_view(), name="cases"),
    path("cases/<int:pk>/", views.CaseDetail.as_view(), name="case"),
    path("cases/<int:pk>/cv/", views.CaseCv.as_view(), name="case_cv"),
    path("cases/<int:pk>/plan/", views.CasePlan.as_view(), name="case_plan"),
    path("placements/", views.PlacementList.as_view(), name="placements"),
    path("placements/<int:pk>/", views.PlacementDetail.as_view(), name="placement"),
    path("placements/<int:pk>/hours/", views.PlacementHours.as_view(), name="placement_hours"),
    path("openings/", views.OpeningList.as_view(), name="openings"),
    path("openings/<int:pk>/", views.OpeningDetail.as_view(), name="opening"),
    path("companies/", views.CompanyList.as_view(), name="companies"),
    path("companies/<int:pk>/", views.CompanyDetail.as_view(), name="company"),
    path("kpi/", views.Kpi.as_view(), name="kpi"),
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path("schema/swagger/", login_not_required(SpectacularSwaggerSplitView.as_view(
        url_name="api:schema", template_name="api/swagger_ui.html")), name="swagger"),
    # Redoc runs its search in a web worker it makes from a blob: URL (else it searches without one, more slowly).
    # It also styles itself with <style> elements it writes at run time (styled-components): on this page alone,
    # which shows the public API description and no one's data, style-src allows inline style.
    path("schema/redoc/", login_not_required(csp_update({"worker-src": ["'self'", "blob:"],
                                                         "style-src": ["'unsafe-inline'"]})(
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"))), name="redoc"),
    # Anything else under /api/v1/ (a malformed id, a mistyped path) answers in the API's shape, not an HTML page.
    re_path(r"^.*$", views.not_found, name="not_found"),
]
