"""Reading accounts: the account an identifier names, its lockout key, and the emailed
activation link. Reads only; the sign-in views (assessments.auth) and the services that sign
people up or delete them both use these.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator

# The longest identifier anyone can have (an email address); anything longer is cut before it
# reaches a database lookup (a 100,000-character name made SQLite's LIKE fail).
MAX_LOGIN_NAME = 254


def find_account(identifier: str):
    """The account a typed identifier names: its user name, else its email, any case."""
    identifier = (identifier or "").strip()[:MAX_LOGIN_NAME]
    if not identifier:
        return None
    User = get_user_model()
    return (
        User.objects.filter(username=identifier).first()
        or User.objects.filter(username__iexact=identifier).order_by("pk").first()
        or User.objects.filter(email__iexact=identifier).order_by("pk").first()
    )


def account_key(user) -> str:
    """The lockout key of an account (no personal data in django-axes' table)."""
    return f"account:{user.pk}"


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """The emailed sign-up link: valid PASSWORD_RESET_TIMEOUT (3 days), once (activating the
    account changes the hash)."""

    key_salt = "assessments.auth.ActivationTokenGenerator"  # unchanged: issued links stay valid

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.is_active}{user.email}{timestamp}"


activation_token = ActivationTokenGenerator()


def activation_link(user) -> str:
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return reverse(
        "signup_activate",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), activation_token.make_token(user)],
    )


def user_from_activation(uidb64: str, token: str):
    """The account an activation link names, or None when the link is not (or no longer)
    valid."""
    from django.utils.http import urlsafe_base64_decode

    try:
        pk = urlsafe_base64_decode(uidb64[:40]).decode()
        user = get_user_model().objects.filter(pk=int(pk)).first()
    except (ValueError, TypeError, UnicodeDecodeError, OverflowError):
        return None
    if user is None or user.is_active or not activation_token.check_token(user, token[:100]):
        return None
    return user
