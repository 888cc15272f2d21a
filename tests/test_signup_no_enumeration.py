"""Sign-up that does not enumerate accounts (issue 13): the page is the same whether or not the
address has an account; the email tells the address's owner. Before: "该邮箱已注册"."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import PASSWORD, make_consultant, make_user

pytestmark = pytest.mark.django_db

FORMS = {
    "/accounts/signup/": {},
    "/accounts/signup/consultant/": {"display_name": "某顾问", "firm_name": ""},
}


def sign_up(client, url, email):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy_consent": "on",
        **FORMS[url],
    }
    return client.post(url, data)


def page_without(response, email) -> str:
    html = response.content.decode().replace(email, "EMAIL")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.parametrize("url", FORMS)
@pytest.mark.parametrize("existing", ["manager", "consultant"])
def test_a_taken_and_a_new_address_get_the_same_page(client, url, existing):
    taken = "taken@example.com"
    make_user(taken) if existing == "manager" else make_consultant(taken)
    users_before = get_user_model().objects.count()
    for_taken = sign_up(client, url, "Taken@Example.com")
    for_new = sign_up(client, url, "fresh@example.com")
    assert for_taken.status_code == for_new.status_code == 200
    assert page_without(for_taken, "taken@example.com") == page_without(
        for_new, "fresh@example.com"
    )
    assert get_user_model().objects.count() == users_before + 1  # only the new one
    to_owner, to_new = mail.outbox[-2], mail.outbox[-1]
    assert to_owner.to == [taken] and "已经有账号" in to_owner.body
    assert to_new.to == ["fresh@example.com"] and "/accounts/activate/" in to_new.body


def test_signing_up_again_before_activating_sends_a_new_link(client):
    sign_up(client, "/accounts/signup/", "slow@example.com")
    sign_up(client, "/accounts/signup/", "slow@example.com")
    assert get_user_model().objects.count() == 1
    assert "/accounts/activate/" in mail.outbox[-1].body


def test_an_unactivated_account_cannot_sign_in(client):
    sign_up(client, "/accounts/signup/", "wait@example.com")
    response = client.post(
        "/accounts/login/", {"username": "wait@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_forged_activation_link_is_refused(client):
    user = make_user("x@example.com")
    user.is_active = False
    user.save()
    response = client.get("/accounts/activate/MQ/forged-token/")
    assert response["Location"] == "/accounts/login/"
    user.refresh_from_db()
    assert not user.is_active
