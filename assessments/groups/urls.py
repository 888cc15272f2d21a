from django.urls import path

from assessments.groups import views

urlpatterns = [
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path(
        "groups/invitations/<str:token>/",
        views.group_invitation_accept,
        name="group_invitation_accept",
    ),
    path("groups/<uuid:group_id>/", views.group_rollup, name="group_rollup"),
    path("groups/<uuid:group_id>/manage/", views.group_manage, name="group_manage"),
    path("groups/<uuid:group_id>/admins/", views.group_admin_add, name="group_admin_add"),
    path(
        "groups/<uuid:group_id>/admins/<int:admin_id>/remove/",
        views.group_admin_remove,
        name="group_admin_remove",
    ),
    path("groups/<uuid:group_id>/regions/", views.group_region_add, name="group_region_add"),
    path(
        "groups/<uuid:group_id>/regions/<int:region_id>/",
        views.group_region_rename,
        name="group_region_rename",
    ),
    path("groups/<uuid:group_id>/invite/", views.group_invite, name="group_invite"),
    path("groups/<uuid:group_id>/stores/new/", views.group_store_create, name="group_store_create"),
    path(
        "groups/<uuid:group_id>/invitations/<uuid:invitation_id>/cancel/",
        views.group_invitation_cancel,
        name="group_invitation_cancel",
    ),
    path("groups/<uuid:group_id>/export.xlsx", views.group_export_xlsx, name="group_export_xlsx"),
    path("groups/<uuid:group_id>/jobs/<uuid:job_id>/", views.group_job, name="group_job"),
    path("groups/<uuid:group_id>/jobs/<slug:kind>/", views.group_job_start, name="group_job_start"),
    path(
        "groups/<uuid:group_id>/jobs/<uuid:job_id>/status.json",
        views.group_job_status,
        name="group_job_status",
    ),
    path(
        "groups/<uuid:group_id>/jobs/<uuid:job_id>/download/",
        views.group_job_download,
        name="group_job_download",
    ),
    path("companies/<uuid:company_id>/groups/", views.company_groups, name="company_groups"),
    path(
        "companies/<uuid:company_id>/groups/<uuid:group_store_id>/leave/",
        views.group_store_leave,
        name="group_store_leave",
    ),
]
