from django.urls import include, path
from django.views.decorators.http import require_http_methods

from assessments import business_views, plan_views
from assessments.api import views as api_views
from assessments.auth import login_view
from assessments.companies import views
from assessments.consultants import views as consultant_views
from assessments.questionnaire import views as questionnaire_views
from assessments.reports import pdf_views
from assessments.reports import views as report_views
from assessments.rounds import views as round_views

urlpatterns = [
    path("", include("assessments.groups.urls")),
    path("", include("assessments.campaigns.urls")),
    path("", include("assessments.notifications.urls")),
    path("accounts/login/", login_view, name="login"),
    path("accounts/signup/", views.signup, name="signup"),
    path(
        "accounts/activate/<str:uidb64>/<str:token>/",
        views.signup_activate,
        name="signup_activate",
    ),
    path("privacy/", views.privacy_notice, name="privacy_notice"),
    path("account/", views.account, name="account"),
    path("account/data.json", views.account_data, name="account_data"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("workspace/", views.workspace, name="workspace"),
    path("companies/new/", views.company_create, name="company_create"),
    path("companies/join/<str:join_code>/", views.company_join, name="company_join"),
    path("companies/<uuid:company_id>/", views.company_detail, name="company_detail"),
    path("companies/<uuid:company_id>/edit/", views.company_edit, name="company_edit"),
    path("companies/<uuid:company_id>/audit/", views.company_audit, name="company_audit"),
    path(
        "companies/<uuid:company_id>/join-link/",
        views.company_renew_join_code,
        name="company_renew_join_code",
    ),
    path(
        "companies/<uuid:company_id>/members/<int:membership_id>/remove/",
        views.company_member_remove,
        name="company_member_remove",
    ),
    path(
        "companies/<uuid:company_id>/members/<int:membership_id>/make-owner/",
        views.company_owner_transfer,
        name="company_owner_transfer",
    ),
    path(
        "companies/<uuid:company_id>/assessments/start/",
        questionnaire_views.assessment_start,
        name="assessment_start",
    ),
    path(
        "assessments/<uuid:assessment_id>/",
        questionnaire_views.assessment_detail,
        name="assessment_detail",
    ),
    path(
        "assessments/<uuid:assessment_id>/step/<int:step>/",
        # The step view answers GET and POST only (wrapped here; the view itself is elsewhere
        # being rewritten).
        require_http_methods(["GET", "HEAD", "POST"])(questionnaire_views.assessment_step),
        name="assessment_step",
    ),
    path(
        "assessments/<uuid:assessment_id>/submit/",
        questionnaire_views.assessment_submit,
        name="assessment_submit",
    ),
    path(
        "assessments/<uuid:assessment_id>/reassess/",
        questionnaire_views.assessment_reassess,
        name="assessment_reassess",
    ),
    path(
        "assessments/<uuid:assessment_id>/result/",
        report_views.assessment_result,
        name="assessment_result",
    ),
    path(
        "assessments/<uuid:assessment_id>/business/",
        business_views.assessment_business,
        name="assessment_business",
    ),
    path(
        "assessments/<uuid:assessment_id>/report.pdf",
        pdf_views.report_pdf,
        name="assessment_report_pdf",
    ),
    # Consultants: accounts, invitations, grants, the dashboard, exports, reviews.
    path(
        "accounts/signup/consultant/",
        consultant_views.consultant_signup,
        name="consultant_signup",
    ),
    path("invitations/<str:token>/", consultant_views.invitation_accept, name="invitation_accept"),
    path("consultant/", consultant_views.consultant_dashboard, name="consultant_dashboard"),
    path(
        "consultant/export.csv",
        consultant_views.consultant_export_csv,
        name="consultant_export_csv",
    ),
    path(
        "consultant/export.xlsx",
        consultant_views.consultant_export_xlsx,
        name="consultant_export_xlsx",
    ),
    path(
        "consultant/invitations/",
        consultant_views.consultant_invitations,
        name="consultant_invitations",
    ),
    path(
        "consultant/invitations/<uuid:invitation_id>/cancel/",
        consultant_views.consultant_invitation_cancel,
        name="consultant_invitation_cancel",
    ),
    path(
        "companies/<uuid:company_id>/consultants/",
        consultant_views.company_consultants,
        name="company_consultants",
    ),
    path(
        "companies/<uuid:company_id>/consultants/<uuid:grant_id>/revoke/",
        consultant_views.grant_revoke,
        name="grant_revoke",
    ),
    path(
        "companies/<uuid:company_id>/invitations/<uuid:invitation_id>/cancel/",
        consultant_views.company_invitation_cancel,
        name="company_invitation_cancel",
    ),
    path(
        "companies/<uuid:company_id>/progress/",
        report_views.company_progress,
        name="company_progress",
    ),
    path(
        "companies/<uuid:company_id>/rounds/new/",
        round_views.round_create,
        name="round_create",
    ),
    path("rounds/<uuid:round_id>/", round_views.round_detail, name="round_detail"),
    path("rounds/<uuid:round_id>/close/", round_views.round_close, name="round_close"),
    path(
        "assessments/<uuid:assessment_id>/review/",
        consultant_views.assessment_review,
        name="assessment_review",
    ),
    path("reviews/<uuid:review_id>/", consultant_views.review_detail, name="review_detail"),
    # The action plan (issue 14).
    path(
        "assessments/<uuid:assessment_id>/plan/", plan_views.assessment_plan, name="assessment_plan"
    ),
    path("plans/<uuid:plan_id>/", plan_views.plan_detail, name="plan_detail"),
    path("plans/<uuid:plan_id>/actions/add/", plan_views.plan_action_add, name="plan_action_add"),
    path(
        "plans/<uuid:plan_id>/actions/<uuid:action_id>/",
        plan_views.plan_action_edit,
        name="plan_action_edit",
    ),
    path("plans/<uuid:plan_id>/plan.xlsx", plan_views.plan_export_xlsx, name="plan_export_xlsx"),
    path("plans/<uuid:plan_id>/milestones.ics", plan_views.plan_export_ics, name="plan_export_ics"),
    path("api/v1/score", api_views.score, name="api_score"),
    path("api/v1/openapi.json", api_views.openapi, name="api_openapi"),
]
