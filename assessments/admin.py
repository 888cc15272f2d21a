"""Staff screens for the product's records. State changes go through the app (services), so
answers, diagnoses, reviews and the audit log are read-only here; staff can fix a company's
details and deactivate people through Django's user admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    Assessment,
    AssessmentRound,
    AuditEvent,
    BackgroundJob,
    Company,
    ConsultantGrant,
    ConsultantProfile,
    Diagnosis,
    EmailOptOut,
    Invitation,
    Membership,
    OutgoingEmail,
    PrivacyConsent,
    Review,
)
from assessments.notifications.tasks import requeue_failed_emails
from maturity.admin import ReadOnlyAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "title", "joined_at"]
    readonly_fields = ["user", "role", "joined_at"]
    can_delete = False


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "province", "city_tier", "technicians", "created_at"]
    list_filter = ["type", "province", "city_tier"]
    search_fields = ["name", "contact_name"]
    readonly_fields = ["id", "join_code", "created_at", "created_by"]
    inlines = [MembershipInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["company", "status", "kind", "model_version", "created_at", "submitted_at"]
    list_filter = ["status", "kind", "model_version"]
    search_fields = ["company__name"]
    list_select_related = ["company", "model_version"]


@admin.register(Diagnosis)
class DiagnosisAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "level", "determined", "needs_review", "computed_at"]
    list_filter = ["level", "needs_review"]
    list_select_related = ["assessment__company"]


@admin.register(ConsultantProfile)
class ConsultantProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "firm_name", "user", "created_at"]
    search_fields = ["display_name", "firm_name", "user__email"]
    readonly_fields = ["user", "created_at"]


@admin.register(ConsultantGrant)
class ConsultantGrantAdmin(ReadOnlyAdmin):
    list_display = ["company", "consultant", "status", "granted_at", "revoked_at"]
    list_filter = ["status"]
    list_select_related = ["company", "consultant"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["direction", "status", "company", "consultant", "email", "created_at"]
    list_filter = ["direction", "status"]


@admin.register(AssessmentRound)
class AssessmentRoundAdmin(ReadOnlyAdmin):
    list_display = ["company", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "reviewer", "confirmed_level", "signed_off_at", "created_at"]
    list_select_related = ["assessment__company", "reviewer"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "company", "action", "target", "path", "address"]
    list_filter = ["action", "target"]
    search_fields = ["path", "object_id"]
    list_select_related = ["actor", "company"]


@admin.register(PrivacyConsent)
class PrivacyConsentAdmin(ReadOnlyAdmin):
    list_display = ["user", "notice_version", "accepted_at"]


# ---------------------------------------------------------------------------------------------
# Background work: outgoing email and long jobs (their status, for staff)
# ---------------------------------------------------------------------------------------------


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "kind",
        "to_email",
        "language",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", "language"]
    search_fields = ["to_email", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]

    @admin.action(description=_("重新发送所选的失败邮件"))
    def send_again(self, request, queryset):
        count = requeue_failed_emails(queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(count)d 封邮件已重新排队。") % {"count": count})


@admin.register(EmailOptOut)
class EmailOptOutAdmin(ReadOnlyAdmin):
    list_display = ["email", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["email"]


@admin.register(BackgroundJob)
class BackgroundJobAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "kind",
        "group",
        "status",
        "progress_done",
        "progress_total",
        "finished_at",
    ]
    list_filter = ["status", "kind"]
    exclude = ["result"]
    list_select_related = ["group"]
