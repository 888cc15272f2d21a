from django.urls import path

from assessments import api, views
from assessments.auth import login_view

urlpatterns = [
    path("accounts/login/", login_view, name="login"),
    path("accounts/signup/", views.signup, name="signup"),
    path("workspace/", views.workspace, name="workspace"),
    path("companies/new/", views.company_create, name="company_create"),
    path("companies/join/<str:join_code>/", views.company_join, name="company_join"),
    path("companies/<uuid:company_id>/", views.company_detail, name="company_detail"),
    path("companies/<uuid:company_id>/edit/", views.company_edit, name="company_edit"),
    path(
        "companies/<uuid:company_id>/join-link/",
        views.company_renew_join_code,
        name="company_renew_join_code",
    ),
    path(
        "companies/<uuid:company_id>/assessments/start/",
        views.assessment_start,
        name="assessment_start",
    ),
    path("assessments/<uuid:assessment_id>/", views.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<uuid:assessment_id>/step/<int:step>/",
        views.assessment_step,
        name="assessment_step",
    ),
    path(
        "assessments/<uuid:assessment_id>/submit/",
        views.assessment_submit,
        name="assessment_submit",
    ),
    path(
        "assessments/<uuid:assessment_id>/reassess/",
        views.assessment_reassess,
        name="assessment_reassess",
    ),
    path(
        "assessments/<uuid:assessment_id>/result/",
        views.assessment_result,
        name="assessment_result",
    ),
    path("api/v1/score", api.score, name="api_score"),
    path("api/v1/openapi.json", api.openapi, name="api_openapi"),
]
