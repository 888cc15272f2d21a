"""Bad requests get clear pages, never a 500: oversized bodies, too many fields, a stale CSRF
token, an unknown URL."""

import pytest
from django.test import Client

from tests.factories import make_company, make_user

pytestmark = pytest.mark.django_db


def test_an_oversized_form_body_is_a_clear_400(client):
    client.force_login(make_user())
    response = client.post("/companies/new/", {"name": "x" * (300 * 1024)})
    assert response.status_code == 400
    assert "请求无法处理" in response.content.decode()


def test_too_many_fields_is_a_clear_400(client):
    client.force_login(make_user())
    response = client.post("/companies/new/", {f"f{n}": "1" for n in range(500)})
    assert response.status_code == 400


def test_a_stale_csrf_token_explains_itself():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()


def test_an_unknown_url_is_a_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_overlong_answers_are_refused_with_a_message_and_kept(client, content):
    from tests.factories import make_assessment

    user = make_user()
    company = make_company(owner=user)
    client.force_login(user)
    draft = make_assessment(company, user, content, submit=False)
    response = client.post(
        f"/assessments/{draft.pk}/step/4/",
        {"action": "save", "revision": str(draft.revision), "pain_point_1": "痛" * 201},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "痛" * 201 in html
    assert "200" in html  # "at most 200 characters"
