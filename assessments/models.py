"""Companies, their members, their self-test assessments and the computed diagnoses.

Every object a URL points at is addressed by a random UUID, never a counter, so ids cannot be
guessed; access is checked by membership in `assessments.selectors`, not by the id's secrecy.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maturity.models import ModelVersion

CHINESE_MOBILE = RegexValidator(r"^1[3-9]\d{9}$", _("请输入有效的中国大陆手机号码(11位,以1开头)。"))


class CompanyType(models.TextChoices):
    DEALER_4S = "dealer_4s", _("4S店")
    INDEPENDENT = "independent", _("独立售后门店")
    REGIONAL_CHAIN = "regional_chain", _("区域连锁")
    OEM_DIRECT = "oem_direct", _("主机厂直营")
    OTHER = "other", _("其他")


class CityTier(models.TextChoices):
    TIER_1 = "tier1", _("一线")
    NEW_TIER_1 = "new_tier1", _("新一线")
    TIER_2 = "tier2", _("二线")
    TIER_3 = "tier3", _("三线")
    TIER_4_BELOW = "tier4", _("四线及以下")


class Province(models.TextChoices):
    BEIJING = "beijing", _("北京市")
    TIANJIN = "tianjin", _("天津市")
    HEBEI = "hebei", _("河北省")
    SHANXI = "shanxi", _("山西省")
    INNER_MONGOLIA = "inner_mongolia", _("内蒙古自治区")
    LIAONING = "liaoning", _("辽宁省")
    JILIN = "jilin", _("吉林省")
    HEILONGJIANG = "heilongjiang", _("黑龙江省")
    SHANGHAI = "shanghai", _("上海市")
    JIANGSU = "jiangsu", _("江苏省")
    ZHEJIANG = "zhejiang", _("浙江省")
    ANHUI = "anhui", _("安徽省")
    FUJIAN = "fujian", _("福建省")
    JIANGXI = "jiangxi", _("江西省")
    SHANDONG = "shandong", _("山东省")
    HENAN = "henan", _("河南省")
    HUBEI = "hubei", _("湖北省")
    HUNAN = "hunan", _("湖南省")
    GUANGDONG = "guangdong", _("广东省")
    GUANGXI = "guangxi", _("广西壮族自治区")
    HAINAN = "hainan", _("海南省")
    CHONGQING = "chongqing", _("重庆市")
    SICHUAN = "sichuan", _("四川省")
    GUIZHOU = "guizhou", _("贵州省")
    YUNNAN = "yunnan", _("云南省")
    TIBET = "tibet", _("西藏自治区")
    SHAANXI = "shaanxi", _("陕西省")
    GANSU = "gansu", _("甘肃省")
    QINGHAI = "qinghai", _("青海省")
    NINGXIA = "ningxia", _("宁夏回族自治区")
    XINJIANG = "xinjiang", _("新疆维吾尔自治区")
    HONG_KONG = "hong_kong", _("香港特别行政区")
    MACAO = "macao", _("澳门特别行政区")
    TAIWAN = "taiwan", _("台湾省")


def new_join_code() -> str:
    return secrets.token_urlsafe(16)


class Company(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("企业名称"), max_length=100)
    type = models.CharField(_("企业类型"), max_length=20, choices=CompanyType.choices)
    province = models.CharField(_("所在省份"), max_length=20, choices=Province.choices)
    city_tier = models.CharField(_("城市级别"), max_length=20, choices=CityTier.choices)
    city = models.CharField(_("城市"), max_length=50, blank=True)
    technicians = models.PositiveIntegerField(
        _("技师人数"), validators=[MaxValueValidator(1_000_000)]
    )
    annual_work_orders = models.PositiveIntegerField(
        _("年工单量"), validators=[MaxValueValidator(100_000_000)]
    )
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_mobile = models.CharField(_("联系人手机"), max_length=11, validators=[CHINESE_MOBILE])
    contact_email = models.EmailField(_("联系人邮箱"), max_length=254)
    # Colleagues join with a link that carries this code; a manager can renew it to revoke it.
    join_code = models.CharField(max_length=40, unique=True, default=new_join_code)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("创建者")
    MEMBER = "member", _("成员")


class Membership(models.Model):
    """A manager belongs to one company (the unique user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=MembershipRole.choices)
    title = models.CharField(_("职务"), max_length=50, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("企业成员")
        verbose_name_plural = _("企业成员")

    def __str__(self):
        return f"{self.user} @ {self.company}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")


class AssessmentKind(models.TextChoices):
    SINGLE = "single", _("单人自测")
    RESPONSE = "response", _("多人评估答卷")
    COMBINED = "combined", _("多人评估合并结果")


# The company's own results: what the history, dashboard, progress, export and peers count.
OFFICIAL_KINDS = (AssessmentKind.SINGLE, AssessmentKind.COMBINED)


class AssessmentQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=AssessmentStatus.SUBMITTED)

    def drafts(self):
        return self.filter(status=AssessmentStatus.DRAFT)

    def official(self):
        return self.filter(kind__in=OFFICIAL_KINDS)

    def single(self):
        return self.filter(kind=AssessmentKind.SINGLE)


QUESTIONNAIRE_STEPS = 4


class Assessment(models.Model):
    """One self-test of a company, answered against one model version.

    Answers live here from the first keystroke (a draft is in the database, not the session);
    submitting freezes them. `revision` counts saves so two editors cannot silently overwrite
    each other.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="assessments")
    model_version = models.ForeignKey(
        ModelVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    current_step = models.PositiveSmallIntegerField(default=1)
    revision = models.PositiveIntegerField(default=0)
    # {step number: revision of the save that last changed that step}, for conflict detection.
    step_revisions = models.JSONField(default=dict, blank=True)

    # Step 1: ticked checklist codes. Step 2: {metric code: value or "unknown"}.
    # Step 3: {dimension code: 1..5}. Absent keys are unanswered.
    checklist = models.JSONField(default=list, blank=True)
    indicators = models.JSONField(default=dict, blank=True)
    dimensions = models.JSONField(default=dict, blank=True)
    # Optional operational KPIs and size figures ({code: number or "unknown"}, see
    # assessments.business_kpis): never part of the verdict, editable after submission.
    business = models.JSONField(default=dict, blank=True)

    # Step 4: goals and homework 2 and 3 (homework 1 is answered by the diagnosis).
    target_level = models.PositiveSmallIntegerField(
        _("目标段位"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    target_year = models.PositiveSmallIntegerField(_("目标年份"), null=True, blank=True)
    pain_point_1 = models.CharField(_("当前段位痛点 1"), max_length=200, blank=True)
    pain_point_2 = models.CharField(_("当前段位痛点 2"), max_length=200, blank=True)
    pain_point_3 = models.CharField(_("当前段位痛点 3"), max_length=200, blank=True)
    next_problem_1 = models.CharField(_("跃迁需解决的问题 1"), max_length=200, blank=True)
    next_problem_2 = models.CharField(_("跃迁需解决的问题 2"), max_length=200, blank=True)
    next_problem_3 = models.CharField(_("跃迁需解决的问题 3"), max_length=200, blank=True)
    benchmark_company = models.CharField(_("研究的标杆企业"), max_length=100, blank=True)
    benchmark_level = models.PositiveSmallIntegerField(
        _("标杆企业所在段位"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    benchmark_learnings = models.TextField(_("可借鉴之处"), max_length=2000, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Several respondents (see AssessmentRound): a single self-test is kind "single" with no
    # round; each respondent's answers are a "response"; the round's result is "combined".
    kind = models.CharField(
        max_length=20, choices=AssessmentKind.choices, default=AssessmentKind.SINGLE
    )
    round = models.ForeignKey(
        "AssessmentRound",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    respondent_title = models.CharField(_("答卷人职务"), max_length=50, blank=True)
    # The group campaign this assessment answers (T0, T1, …), if it was started from one.
    campaign = models.ForeignKey(
        "Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments"
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("评估")
        verbose_name_plural = _("评估")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["company", "status", "-created_at"]),
            models.Index(fields=["company", "status", "-submitted_at"], name="assessment_latest"),
        ]

    def __str__(self):
        return f"{self.company} {self.created_at:%Y-%m-%d} ({self.status})"

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT

    @property
    def is_response(self) -> bool:
        return self.kind == AssessmentKind.RESPONSE

    @property
    def is_combined(self) -> bool:
        return self.kind == AssessmentKind.COMBINED

    @property
    def pain_points(self) -> list[str]:
        return [self.pain_point_1, self.pain_point_2, self.pain_point_3]

    @property
    def next_problems(self) -> list[str]:
        return [self.next_problem_1, self.next_problem_2, self.next_problem_3]


class Diagnosis(models.Model):
    """The scoring engine's verdict on a submitted assessment: the one source of the verdict.

    Written only by `assessments.diagnosis` (at submission, and by `recompute_diagnoses` when the
    rules change). One per assessment (the one-to-one key makes a double submission create one
    result). `payload` is the scoring API's JSON for the assessment in Chinese and `payload_en`
    in English, so pages, the PDF, exports and the dashboard read the verdict without re-running
    the engine.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="diagnosis"
    )
    level = models.PositiveSmallIntegerField(null=True)
    determined = models.BooleanField()
    transition = models.BooleanField()
    inconsistent = models.BooleanField()
    needs_review = models.BooleanField()
    indicator_level = models.PositiveSmallIntegerField(null=True)
    # Rules v2: the checklist's own level (the headline `level` never exceeds it when it is
    # determined), whether levels were skipped, and whether the verdict is provisional.
    checklist_level = models.PositiveSmallIntegerField(null=True)
    skipped = models.BooleanField(default=False)
    provisional = models.BooleanField(default=False)
    # The scoring rules that produced this verdict (assessments.scoring.RULES_VERSION).
    rules_version = models.PositiveSmallIntegerField(default=1)
    payload = models.JSONField()
    payload_en = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("诊断结果")
        verbose_name_plural = _("诊断结果")

    def __str__(self):
        return f"{self.assessment}: Level {self.level}"


class ReportFile(models.Model):
    """A rendered PDF report, shared by every app server (see assessments.reports.pdf).

    The key is everything the PDF depends on that can change: the language, the report
    template's version and a digest of the editable inputs (the company's name and profile).
    A change of any of them is a new key; stale rows are deleted when the new one is stored.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="report_files"
    )
    language = models.CharField(max_length=10)
    template_version = models.CharField(max_length=40)
    inputs_digest = models.CharField(max_length=64)
    pdf = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("PDF 报告缓存")
        verbose_name_plural = _("PDF 报告缓存")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "language", "template_version", "inputs_digest"],
                name="unique_report_file",
            )
        ]

    def __str__(self):
        return f"{self.assessment_id} {self.language} {self.template_version}"


# ---------------------------------------------------------------------------------------------
# Consultants: profiles, client-granted access, invitations, reviews; several respondents
# ---------------------------------------------------------------------------------------------


class ConsultantProfile(models.Model):
    """A consultant: diagnoses client companies that grant access. Never also a manager."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultant_profile"
    )
    display_name = models.CharField(_("顾问姓名"), max_length=50)
    firm_name = models.CharField(_("咨询机构"), max_length=100, blank=True)  # blank: independent
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("顾问")
        verbose_name_plural = _("顾问")

    def __str__(self):
        return f"{self.display_name} ({self.firm_name})" if self.firm_name else self.display_name


class GrantStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    REVOKED = "revoked", _("已撤销")


class ConsultantGrant(models.Model):
    """A company lets one consultant read its assessments, until a manager revokes it.

    Access checks read this table on every request (no cache), so a revocation refuses the
    consultant's very next request.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="consultant_grants")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultant_grants"
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=GrantStatus.choices, default=GrantStatus.ACTIVE
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("顾问授权")
        verbose_name_plural = _("顾问授权")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "consultant"],
                condition=models.Q(status="active"),
                name="one_active_grant_per_consultant",
            )
        ]
        indexes = [models.Index(fields=["consultant", "status", "company"])]

    def __str__(self):
        return f"{self.consultant} → {self.company} ({self.status})"


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


class InvitationDirection(models.TextChoices):
    TO_CONSULTANT = "to_consultant", _("企业邀请顾问")
    TO_COMPANY = "to_company", _("顾问邀请企业")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("待接受")
    ACCEPTED = "accepted", _("已接受")
    CANCELLED = "cancelled", _("已取消")


class Invitation(models.Model):
    """A single-use link that creates a grant when the other side accepts it.

    Either a manager invites a consultant by email (``to_consultant``: the company is known,
    the consultant is whoever accepts with a consultant account), or a consultant sends a
    company a link (``to_company``: the consultant is known, the company is that of the
    manager who accepts).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    direction = models.CharField(max_length=20, choices=InvitationDirection.choices)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultant_invitations",
    )
    email = models.EmailField(_("邮箱"), max_length=254, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    grant = models.ForeignKey(
        ConsultantGrant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("邀请")
        verbose_name_plural = _("邀请")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.direction} {self.status} {self.created_at:%Y-%m-%d}"

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at > timezone.now()


class RoundStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class AssessmentRound(models.Model):
    """Several colleagues answer the self-test on their own; the round's result combines them.

    Each respondent answers an Assessment of kind ``response``; closing the round stores the
    combined answers as one submitted Assessment of kind ``combined`` (see assessments.scoring.combine).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="rounds")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    model_version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("状态"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("多人评估")
        verbose_name_plural = _("多人评估")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.company} {self.created_at:%Y-%m-%d} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class Review(models.Model):
    """A consultant's review of a submitted assessment. Append-only: every save is a new row;
    the latest signed one counts (`assessments.selectors.latest_signed_review`)."""

    SECTIONS = ("checklist", "indicators", "dimensions", "roadmap", "homework")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    section_comments = models.JSONField(default=dict, blank=True)  # {section: text}
    overall_opinion = models.TextField(_("总体意见"), max_length=5000, blank=True)
    computed_level = models.PositiveSmallIntegerField(null=True, blank=True)  # at review time
    confirmed_level = models.PositiveSmallIntegerField(
        _("确认段位"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    justification = models.TextField(_("调整理由"), max_length=2000, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signer_name = models.CharField(_("签字人"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("顾问审阅")
        verbose_name_plural = _("顾问审阅")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["assessment", "-created_at"])]

    def __str__(self):
        return f"{self.assessment_id} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_signed(self) -> bool:
        return self.signed_off_at is not None

    @property
    def level_differs(self) -> bool:
        return self.confirmed_level is not None and self.confirmed_level != self.computed_level

    # The PDF template's names (templates/assessments/report_pdf.html).
    @property
    def confirmed(self) -> bool:
        return self.is_signed

    @property
    def consultant_name(self) -> str:
        return self.signer_name

    @property
    def confirmed_at(self):
        return self.signed_off_at

    @property
    def opinion(self) -> str:
        return self.overall_opinion

    @property
    def updated_at(self):
        return self.created_at  # rows are never changed

    def comment(self, section: str) -> str:
        return (self.section_comments or {}).get(section, "")


class AuditAction(models.TextChoices):
    VIEW = "view", _("查看")
    CHANGE = "change", _("修改")
    DOWNLOAD = "download", _("下载")
    EXPORT = "export", _("导出")
    GRANT = "grant", _("授权")
    REVOKE = "revoke", _("撤销授权")
    REFUSED = "refused", _("拒绝访问")
    ACCOUNT = "account", _("账号操作")


class AppendOnlyError(Exception):
    """The audit log is append-only for the application."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")


class AuditEvent(models.Model):
    """Who viewed, changed, exported or downloaded what, including refused attempts (ASVS 16).

    Written by assessments.audit; never updated or deleted by the app."""

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    company = models.ForeignKey(
        Company, null=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    action = models.CharField(_("操作"), max_length=20, choices=AuditAction.choices)
    target = models.CharField(_("对象"), max_length=60)
    object_id = models.CharField(max_length=64, blank=True)
    path = models.CharField(max_length=300)
    address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-at"]
        indexes = [models.Index(fields=["company", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.target}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")


class PrivacyConsent(models.Model):
    """A user's explicit consent to the privacy notice (PIPL), one row per accepted version."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_consents"
    )
    notice_version = models.CharField(max_length=20)
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("隐私同意")
        verbose_name_plural = _("隐私同意")

    def __str__(self):
        return f"{self.user_id} v{self.notice_version} {self.accepted_at:%Y-%m-%d}"


class UserPreference(models.Model):
    """A user's interface language, remembered across browsers (see assessments.language).

    It belongs to the accounts, not to the model. It was first made in the maturity app, and
    its table keeps that name (migrations 0010_issue10_user_preference in both apps moved it
    in Django's state only; the database was not touched).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference"
    )
    # A code of settings.LANGUAGES (checked by assessments.language, not by choices, so that a
    # change of LANGUAGES needs no migration).
    language = models.CharField(_("界面语言"), max_length=10)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "maturity_userpreference"
        verbose_name = _("用户偏好")
        verbose_name_plural = _("用户偏好")

    def __str__(self):
        return f"{self.user} {self.language}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("进行中")
    DONE = "done", _("完成")
    ON_HOLD = "on_hold", _("搁置")


class ActionPlan(models.Model):
    """The company's 90-day action plan, made from one submitted assessment's result and kept
    up to date until the next re-assessment (see assessments.plan_services)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="action_plans")
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="action_plan"
    )
    library = models.ForeignKey(
        "maturity.InitiativeLibrary", on_delete=models.PROTECT, related_name="plans"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("行动计划")
        verbose_name_plural = _("行动计划")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.company} · {self.created_at:%Y-%m-%d}"


class PlanAction(models.Model):
    """One action of a plan: an initiative of the library (its codes and texts come from there)
    or one written freely (its own title)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField()
    initiative = models.ForeignKey(
        "maturity.Initiative",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_actions",
    )
    title = models.CharField(_("行动"), max_length=200, blank=True)
    owner_name = models.CharField(_("负责人"), max_length=100, blank=True)
    due_date = models.DateField(_("截止日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    notes = models.TextField(_("备注"), blank=True, max_length=2000)
    # The codes it is meant to move (the initiative's, or chosen for a free action).
    moves = models.JSONField(_("推动的清单项和诊断标准"), default=list, blank=True)
    # Why it was proposed where it is: the ranking's reasons as [key, params] (rendered in the
    # reader's language by assessments.action_plans); empty for added actions.
    reasons = models.JSONField(default=list, blank=True)
    proposed = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("行动")
        verbose_name_plural = _("行动")
        ordering = ["plan", "position"]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.initiative.title if self.initiative_id else self.title


# --- Networks: groups of stores, campaigns, notifications, background jobs -----------------------


class GroupKind(models.TextChoices):
    DEALER_GROUP = "dealer_group", _("经销商集团")
    REGIONAL_CHAIN = "regional_chain", _("区域连锁")
    OEM_NETWORK = "oem_network", _("主机厂服务网络")
    ASSOCIATION = "association", _("行业协会")


class StoreGroup(models.Model):
    """A network of stores (dealer group, regional chain, OEM service network, association).

    Its admins (GroupAdmin) see the roll-up of the stores whose owners consented (GroupStore
    rows with status active); a store that leaves disappears from it at the next request."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("集团/网络名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=GroupKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("集团/网络")
        verbose_name_plural = _("集团/网络")
        ordering = ["name"]

    def __str__(self):
        return self.name


class GroupRegion(models.Model):
    group = models.ForeignKey(StoreGroup, on_delete=models.CASCADE, related_name="regions")
    name = models.CharField(_("区域"), max_length=50)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("区域")
        verbose_name_plural = _("区域")
        ordering = ["group", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="one_region_name_per_group")
        ]

    def __str__(self):
        return self.name


class GroupAdmin(models.Model):
    """A user who administers a group (role `group_admin`): invites stores, runs campaigns,
    reads the roll-up. Not a member of any store through this row."""

    group = models.ForeignKey(StoreGroup, on_delete=models.CASCADE, related_name="admins")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_admin_roles"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("集团管理员")
        verbose_name_plural = _("集团管理员")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_admin_row_per_group_user")
        ]

    def __str__(self):
        return f"{self.user} @ {self.group}"


class GroupStoreStatus(models.TextChoices):
    ACTIVE = "active", _("已加入")
    LEFT = "left", _("已退出")


class GroupStoreSource(models.TextChoices):
    INVITED = "invited", _("受邀加入")
    CREATED = "created", _("集团创建")
    CAMPAIGN = "campaign", _("测评活动")


class GroupStore(models.Model):
    """A company's membership of a group. Consent like a consultant grant: given by the store's
    owner (accepting the invitation, or taking over a store the group created), revocable by
    the owner at any time, audited. Access checks read this table on every request."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    group = models.ForeignKey(StoreGroup, on_delete=models.CASCADE, related_name="stores")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="group_stores")
    region = models.ForeignKey(
        GroupRegion, null=True, blank=True, on_delete=models.SET_NULL, related_name="stores"
    )
    city = models.CharField(_("城市"), max_length=50, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=GroupStoreStatus.choices, default=GroupStoreStatus.ACTIVE
    )
    source = models.CharField(max_length=20, choices=GroupStoreSource.choices)
    # Who consented for the store (its owner); empty while a store the group created has not
    # been handed over to its manager yet.
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)
    left_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("集团门店")
        verbose_name_plural = _("集团门店")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "company"],
                condition=models.Q(status="active"),
                name="one_active_membership_per_group_store",
            )
        ]
        indexes = [models.Index(fields=["group", "status", "company"])]

    def __str__(self):
        return f"{self.company_id} @ {self.group_id} ({self.status})"


class GroupInvitationStatus(models.TextChoices):
    PENDING = "pending", _("待接受")
    ACCEPTED = "accepted", _("已接受")
    CANCELLED = "cancelled", _("已取消")


class GroupInvitation(models.Model):
    """A group invites a store (by its manager's email) or hands over a store it created
    (`company` set from the start): the link's owner accepts, and so consents."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    group = models.ForeignKey(StoreGroup, on_delete=models.CASCADE, related_name="invitations")
    region = models.ForeignKey(
        GroupRegion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.CASCADE, related_name="group_invitations"
    )
    email = models.EmailField(_("邮箱"), max_length=254)
    status = models.CharField(
        max_length=20, choices=GroupInvitationStatus.choices, default=GroupInvitationStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("集团邀请")
        verbose_name_plural = _("集团邀请")

    def __str__(self):
        return f"{self.group_id} → {self.email}"


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class Campaign(models.Model):
    """A group's round of self-tests over its stores (T0, T1, … in the EU DMA's words), with a
    deadline and reminders a number of days before it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    group = models.ForeignKey(StoreGroup, on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField(_("活动名称"), max_length=100)
    deadline = models.DateField(_("截止日期"))
    model_version = models.ForeignKey(ModelVersion, on_delete=models.PROTECT, related_name="+")
    # Days before the deadline on which stores not yet submitted get a reminder, e.g. [7, 3, 1].
    reminder_days = models.JSONField(_("提醒(截止前天数)"), default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("测评活动")
        verbose_name_plural = _("测评活动")
        ordering = ["group", "created_at"]

    def __str__(self):
        return self.name


class CampaignStore(models.Model):
    """One row of a campaign's store list: the contact is invited with a one-time link
    (`token`) that signs up or joins and opens the questionnaire. Progress (invited, started,
    submitted, reviewed) is read from `assessment` and its reviews."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="stores")
    row_number = models.PositiveIntegerField()
    store_name = models.CharField(_("门店名称"), max_length=100)
    type = models.CharField(_("企业类型"), max_length=20, choices=CompanyType.choices)
    province = models.CharField(_("所在省份"), max_length=20, choices=Province.choices)
    city = models.CharField(_("城市"), max_length=50)
    region = models.ForeignKey(
        GroupRegion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_name = models.CharField(_("联系人"), max_length=50)
    email = models.EmailField(_("邮箱"), max_length=254)
    mobile = models.CharField(_("手机"), max_length=11, validators=[CHINESE_MOBILE])
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="campaign_rows"
    )
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    token_used_at = models.DateTimeField(null=True, blank=True)
    token_used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    assessment = models.ForeignKey(
        "Assessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("活动门店")
        verbose_name_plural = _("活动门店")
        ordering = ["campaign", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email"], name="one_row_per_campaign_email")
        ]

    def __str__(self):
        return f"{self.campaign_id} #{self.row_number} {self.store_name}"


class NotificationKind(models.TextChoices):
    CONSULTANT_INVITATION = "consultant_invitation", _("顾问邀请")
    GROUP_INVITATION = "group_invitation", _("集团邀请")
    CAMPAIGN_INVITATION = "campaign_invitation", _("测评活动邀请")
    CAMPAIGN_REMINDER = "campaign_reminder", _("测评活动提醒")
    SUBMISSION = "submission", _("测评已提交")
    REVIEW_SIGNED = "review_signed", _("顾问审阅已签字")
    ACCESS_REVOKED = "access_revoked", _("访问权限已撤销")
    DRAFT_REMINDER = "draft_reminder", _("未完成的草稿")
    REASSESSMENT_DUE = "reassessment_due", _("该复测了")


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    SKIPPED = "skipped", _("已退订,未发送")


class OutgoingEmail(models.Model):
    """Every email the app sends: rendered when queued, delivered by a task (retried with
    back-off), its status visible to admins. `dedupe_key` keeps a periodic reminder from
    going out twice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    to_email = models.EmailField(max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10, default="zh-hans")
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When a failed delivery may be tried again (back-off); empty while none is due.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("邮件")
        verbose_name_plural = _("邮件")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self):
        return f"{self.kind} → {self.to_email} ({self.status})"


class EmailOptOut(models.Model):
    """A person's opt-out, by address: of one kind of email, or of all (`kind` empty)."""

    email = models.EmailField(max_length=254)
    kind = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("邮件退订")
        verbose_name_plural = _("邮件退订")
        constraints = [
            models.UniqueConstraint(fields=["email", "kind"], name="one_opt_out_per_email_kind")
        ]

    def __str__(self):
        return f"{self.email} ({self.kind or '*'})"


class JobKind(models.TextChoices):
    NETWORK_PDF = "network_pdf", _("网络总览 PDF")
    REPORTS_ZIP = "reports_zip", _("全部门店报告 ZIP")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class BackgroundJob(models.Model):
    """A long piece of work a person asked for (a network PDF, a ZIP of reports), run by a
    task worker; its progress and its file are read by the page that polls it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=JobKind.choices)
    group = models.ForeignKey(
        StoreGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10, default="zh-hans")
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    result = models.BinaryField(null=True, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} {self.status} {self.progress_done}/{self.progress_total}"
