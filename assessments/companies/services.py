"""State changes of companies and accounts: one named function each, atomic. (The questionnaire,
consultants and rounds have theirs in their own packages, written the same way.)

Views validate input (forms) and call exactly one of these; nothing else writes these models.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from assessments import privacy
from assessments.models import (
    Company,
    ConsultantProfile,
    Membership,
    MembershipRole,
    new_join_code,
)


class AlreadyInCompany(Exception):
    pass


class RoleConflict(AlreadyInCompany):
    """A user is either a manager (member of a company) or a consultant, never both."""


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
