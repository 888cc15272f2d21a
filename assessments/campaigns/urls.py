"""Campaigns: a group's round of self-tests over its store list (upload, invitations with a
one-time link, progress, reminders)."""

from django.urls import path

from assessments.campaigns import views

urlpatterns = [
    path("groups/<uuid:group_id>/campaigns/", views.campaign_list, name="campaign_list"),
    path("groups/<uuid:group_id>/campaigns/new/", views.campaign_create, name="campaign_create"),
    path(
        "groups/<uuid:group_id>/campaigns/template.csv",
        views.campaign_template,
        {"fmt": "csv"},
        name="campaign_template_csv",
    ),
    path(
        "groups/<uuid:group_id>/campaigns/template.xlsx",
        views.campaign_template,
        {"fmt": "xlsx"},
        name="campaign_template_xlsx",
    ),
    path(
        "groups/<uuid:group_id>/campaigns/<uuid:campaign_id>/",
        views.campaign_detail,
        name="campaign_detail",
    ),
    path(
        "groups/<uuid:group_id>/campaigns/<uuid:campaign_id>/upload/",
        views.campaign_upload,
        name="campaign_upload",
    ),
    path(
        "groups/<uuid:group_id>/campaigns/<uuid:campaign_id>/invite/",
        views.campaign_invite,
        name="campaign_invite",
    ),
    path(
        "groups/<uuid:group_id>/campaigns/<uuid:campaign_id>/remind/",
        views.campaign_remind,
        name="campaign_remind",
    ),
    path(
        "groups/<uuid:group_id>/campaigns/<uuid:campaign_id>/close/",
        views.campaign_close,
        name="campaign_close",
    ),
    path("c/<str:token>/", views.campaign_link, name="campaign_link"),
]
