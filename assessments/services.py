"""State changes of companies and assessments: one named function each, atomic.

Views validate input (forms) and call exactly one of these; nothing else writes these models.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import privacy
from assessments.diagnosis import store_diagnosis
from assessments.models import (
    QUESTIONNAIRE_STEPS,
    Assessment,
    AssessmentStatus,
    Company,
    ConsultantProfile,
    Membership,
    MembershipRole,
    new_join_code,
)
from assessments.selectors import round_is_closed
from maturity.selectors import model_content

STEP_FIELDS = {
    1: ("checklist",),
    2: ("indicators",),
    3: ("dimensions",),
    4: (
        "target_level",
        "target_year",
        "pain_point_1",
        "pain_point_2",
        "pain_point_3",
        "next_problem_1",
        "next_problem_2",
        "next_problem_3",
        "benchmark_company",
        "benchmark_level",
        "benchmark_learnings",
    ),
}
ANSWER_FIELDS = tuple(field for fields in STEP_FIELDS.values() for field in fields)


class AlreadyInCompany(Exception):
    pass


class RoleConflict(AlreadyInCompany):
    """A user is either a manager (member of a company) or a consultant, never both."""


class AssessmentLocked(Exception):
    """The assessment was submitted: its answers are frozen."""


@dataclass
class DraftConflict(Exception):
    """Someone saved the draft since this editor loaded it."""

    current_revision: int
    changed_fields: tuple[str, ...]


@transaction.atomic
def register_manager(*, email: str, password: str):
    """A manager's account (the email is the user name) with their consent to the privacy
    notice, which the sign-up form requires."""
    user = get_user_model().objects.create_user(username=email, email=email, password=password)
    privacy.record_consent(user)
    return user


@transaction.atomic
def create_company(*, user, **fields) -> Company:
    if Membership.objects.filter(user=user).exists():
        raise AlreadyInCompany
    if ConsultantProfile.objects.filter(user=user).exists():
        raise RoleConflict
    company = Company.objects.create(created_by=user, **fields)
    Membership.objects.create(user=user, company=company, role=MembershipRole.OWNER)
    return company


@transaction.atomic
def update_company(company: Company, **fields) -> Company:
    for name, value in fields.items():
        setattr(company, name, value)
    company.save()
    return company


@transaction.atomic
def join_company(*, user, company: Company, title: str = "") -> Membership:
    if Membership.objects.filter(user=user).exists():
        raise AlreadyInCompany
    if ConsultantProfile.objects.filter(user=user).exists():
        raise RoleConflict
    try:
        with transaction.atomic():
            return Membership.objects.create(
                user=user, company=company, role=MembershipRole.MEMBER, title=title
            )
    except IntegrityError:
        raise AlreadyInCompany from None


class OwnerCannotLeave(Exception):
    """The owner is removed only after handing the company over to another member."""


@transaction.atomic
def remove_member(membership: Membership, *, by) -> None:
    """The owner removes a member: their access ends with their next request (memberships are
    read on every request); what they answered stays the company's."""
    locked = Membership.objects.select_for_update().filter(pk=membership.pk).first()
    if locked is None:
        return
    if locked.role == MembershipRole.OWNER:
        raise OwnerCannotLeave
    if not Membership.objects.filter(
        company_id=locked.company_id, user=by, role=MembershipRole.OWNER
    ).exists():
        raise NotTheOwner
    locked.delete()


@transaction.atomic
def transfer_ownership(company: Company, *, to: Membership, by) -> Membership:
    """Make member ``to`` the company's owner; the previous owner ``by`` becomes a member.
    A company has exactly one owner."""
    memberships = {
        m.user_id: m
        for m in Membership.objects.select_for_update().filter(company=company).order_by("pk")
    }
    current = memberships.get(by.pk)
    target = next((m for m in memberships.values() if m.pk == to.pk), None)
    if current is None or current.role != MembershipRole.OWNER:
        raise NotTheOwner
    if target is None:
        raise NotAManager
    if target.pk == current.pk:
        return current
    current.role = MembershipRole.MEMBER
    current.save(update_fields=["role"])
    target.role = MembershipRole.OWNER
    target.save(update_fields=["role"])
    return target


@transaction.atomic
def renew_join_code(company: Company) -> Company:
    company.join_code = new_join_code()
    company.save(update_fields=["join_code"])
    return company


@transaction.atomic
def start_assessment(*, company: Company, user) -> Assessment:
    """Resume the company's open draft, or open a new one on the current model version."""
    Company.objects.select_for_update().filter(pk=company.pk).first()
    draft = company.assessments.drafts().single().order_by("-created_at").first()
    if draft is not None:
        return draft
    return Assessment.objects.create(
        company=company,
        model_version=model_content().version,
        created_by=user,
        updated_by=user,
    )


@transaction.atomic
def reassess(*, previous: Assessment, user) -> Assessment:
    """A new draft on the current model version, pre-filled with the previous answers.

    Answers that the current version no longer knows (a changed model) are dropped.
    """
    Company.objects.select_for_update().filter(pk=previous.company_id).first()
    existing = previous.company.assessments.drafts().single().order_by("-created_at").first()
    if existing is not None:
        return existing
    content = model_content()
    draft = Assessment(
        company=previous.company,
        model_version=content.version,
        created_by=user,
        updated_by=user,
        copied_from=previous,
    )
    for field in ANSWER_FIELDS:
        setattr(draft, field, getattr(previous, field))
    draft.checklist = [code for code in previous.checklist if code in content.checklist_by_code]
    draft.indicators = {
        code: value
        for code, value in previous.indicators.items()
        if code in content.metrics_by_code
    }
    draft.dimensions = {
        code: value
        for code, value in previous.dimensions.items()
        if code in content.dimensions_by_code
    }
    draft.save()
    return draft


@transaction.atomic
def save_step(
    assessment: Assessment,
    *,
    step: int,
    answers: dict,
    user,
    expected_revision: int | None = None,
    next_step: int | None = None,
) -> Assessment:
    """Store one step's answers in the draft (locking it), bumping its revision."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != AssessmentStatus.DRAFT or round_is_closed(locked):
        raise AssessmentLocked
    changed = tuple(
        field
        for field in STEP_FIELDS[step]
        if field in answers and getattr(locked, field) != answers[field]
    )
    step_key = str(step)
    if (
        expected_revision is not None
        and changed
        and locked.step_revisions.get(step_key, 0) > expected_revision
    ):
        # Someone saved this step after this editor loaded it, and the answers differ.
        raise DraftConflict(current_revision=locked.revision, changed_fields=changed)
    locked.revision += 1
    if changed:
        for field in changed:
            setattr(locked, field, answers[field])
        locked.step_revisions = {**locked.step_revisions, step_key: locked.revision}
    if next_step is not None:
        locked.current_step = max(1, min(QUESTIONNAIRE_STEPS, next_step))
    locked.updated_by = user
    locked.save()
    return locked


@transaction.atomic
def submit_assessment(assessment: Assessment, *, user) -> Assessment:
    """Freeze the answers and store the diagnosis. Submitting twice yields one result."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status == AssessmentStatus.SUBMITTED:
        return locked
    if round_is_closed(locked):
        raise AssessmentLocked
    store_diagnosis(locked)
    locked.status = AssessmentStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = user
    locked.revision += 1
    locked.save()
    return locked


# ---------------------------------------------------------------------------------------------
# Consultants: accounts, grants, invitations
# ---------------------------------------------------------------------------------------------


class NotAManager(Exception):
    """Only a member of a company can grant access to it."""


class NotTheOwner(NotAManager):
    """Only the company's owner manages it: consultants, invitations, members, rounds."""


class EmailTaken(Exception):
    pass


@dataclass
class SignUpOutcome:
    user: object | None = None  # signed in at once (a consultant accepting their own invitation)


@transaction.atomic
def sign_up(
    *,
    email: str,
    password: str,
    site_url: str,
    consultant: dict | None = None,
    invitation=None,
) -> SignUpOutcome:
    """A sign-up that does not tell who has an account: the page is the same either way and the
    email tells the address's owner. A new address gets an account that the emailed link
    activates; an address that has an account gets a note (with a new activation link if that
    account was never activated). ``consultant`` ({display_name, firm_name}) makes a
    consultant account; with a pending ``invitation`` sent to this very address the link has
    proved the mailbox, so the account is active and the invitation accepted at once."""
    from assessments.accounts import find_account
    from assessments.consultants.services import register_consultant

    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    site = site_url.rstrip("/")
    existing = find_account(email)
    if existing is not None:
        if not existing.is_active and existing.last_login is None:
            _send_activation(existing, site)
        else:
            _send_or_fail(
                _("你的邮箱已有账号"),
                _(
                    "有人(可能是你)刚刚用这个邮箱注册。这个邮箱已经有账号了:请直接登录 %(login)s ;忘记密码可以在这里重设:%(reset)s\n如果不是你本人操作,请忽略这封邮件,你的账号没有任何变化。"
                )
                % {
                    "login": site + reverse("login"),
                    "reset": site + reverse("password_reset"),
                },
                email,
            )
        return SignUpOutcome()
    if consultant is not None:
        proved = (
            invitation is not None
            and invitation.is_pending
            and (invitation.email or "").lower() == email
        )
        user = register_consultant(
            email=email,
            password=password,
            invitation=invitation if proved else None,
            **consultant,
        )
        if proved:
            return SignUpOutcome(user=user)
    else:
        user = register_manager(email=email, password=password)
    user.is_active = False
    user.save(update_fields=["is_active"])
    _send_activation(user, site)
    return SignUpOutcome()


def _send_activation(user, site: str) -> None:
    from assessments.accounts import activation_link

    _send_or_fail(
        _("请确认你的邮箱,完成注册"),
        _(
            "你好!打开以下链接即可启用你的账号(3天内有效):%(url)s\n如果不是你本人注册,请忽略这封邮件。"
        )
        % {"url": site + activation_link(user)},
        user.email,
    )


@transaction.atomic
def activate_account(user):
    """The emailed link was opened: the account can sign in."""
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


class InvitationNotSent(Exception):
    """The email (an invitation, a sign-up link) could not be sent; nothing was stored."""


def _send_or_fail(subject: str, body: str, to: str) -> None:
    """Send now, inside the caller's transaction: if the mail server refuses, the exception
    rolls the invitation back and the manager is told (it used to fail silently after the
    commit while the page said "sent"). A subject is one line whatever the names in it."""
    subject = " ".join(subject.split())
    try:
        send_mail(subject, body, None, [to], fail_silently=False)
    except Exception as error:  # SMTP errors, BadHeaderError, a refused connection
        raise InvitationNotSent(str(error)) from error


# ---------------------------------------------------------------------------------------------
# Reviews
# ---------------------------------------------------------------------------------------------
