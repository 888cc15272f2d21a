"""Every URL of a company's objects: the owner and a colleague get in (the owner alone on the
pages that manage the company; tests/test_company_roles.py), an outsider gets 404,
an anonymous visitor is sent to log in. In the style of healthchecks' tests."""

import pytest

from tests.factories import make_assessment, make_colleague, make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(content):
    owner = make_user()
    company = make_company(owner=owner)
    colleague = make_colleague(company)
    outsider = make_user()
    make_company(owner=outsider)  # an outsider with a company of their own
    loner = make_user()  # and one with none
    submitted = make_assessment(company, owner, content, checklist=["L1.1", "L1.2", "L1.3"])
    draft = make_assessment(company, owner, content, submit=False)
    return {
        "owner": owner,
        "colleague": colleague,
        "outsider": outsider,
        "loner": loner,
        "company": company,
        "submitted": submitted,
        "draft": draft,
    }


def company_urls(w):
    c = w["company"].pk
    return [
        ("get", f"/companies/{c}/"),
        ("post", f"/companies/{c}/assessments/start/"),
    ]


def owner_urls(w):
    c = w["company"].pk
    return [
        ("get", f"/companies/{c}/edit/"),
        ("post", f"/companies/{c}/join-link/"),
    ]


def assessment_urls(w):
    s, d = w["submitted"].pk, w["draft"].pk
    return [
        ("get", f"/assessments/{s}/"),
        ("get", f"/assessments/{s}/result/"),
        ("post", f"/assessments/{s}/reassess/"),
        ("get", f"/assessments/{d}/"),
        ("get", f"/assessments/{d}/step/1/"),
        ("post", f"/assessments/{d}/step/1/"),
        ("get", f"/assessments/{d}/step/2/"),
        ("get", f"/assessments/{d}/step/3/"),
        ("get", f"/assessments/{d}/step/4/"),
        ("post", f"/assessments/{d}/submit/"),
    ]


def all_urls(w):
    return company_urls(w) + assessment_urls(w) + owner_urls(w)


def member_urls(w):
    return company_urls(w) + assessment_urls(w)


def call(client, method, url):
    data = {"action": "save", "revision": "0"} if method == "post" else None
    return getattr(client, method)(url, data)


@pytest.mark.parametrize("who", ["outsider", "loner"])
def test_outsiders_get_404_everywhere(client, world, who):
    client.force_login(world[who])
    for method, url in all_urls(world):
        response = call(client, method, url)
        assert response.status_code == 404, (who, method, url, response.status_code)


@pytest.mark.parametrize("who", ["owner", "colleague"])
def test_members_get_in(client, world, who):
    client.force_login(world[who])
    for method, url in member_urls(world) + (owner_urls(world) if who == "owner" else []):
        response = call(client, method, url)
        assert response.status_code in (200, 302), (who, method, url, response.status_code)
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for method, url in all_urls(world):
        response = call(client, method, url)
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith("/accounts/login/?next="), (method, url)


def test_outsider_cannot_change_anything(client, world):
    client.force_login(world["outsider"])
    draft = world["draft"]
    client.post(f"/assessments/{draft.pk}/step/1/", {"checklist": ["L5.1"], "action": "save"})
    draft.refresh_from_db()
    assert "L5.1" not in draft.checklist
    old_code = world["company"].join_code
    client.post(f"/companies/{world['company'].pk}/join-link/")
    world["company"].refresh_from_db()
    assert world["company"].join_code == old_code


def test_ids_are_uuids(world):
    assert len(str(world["company"].pk)) == 36
    assert len(str(world["submitted"].pk)) == 36


def test_a_malformed_id_is_404(client, world):
    client.force_login(world["owner"])
    assert client.get("/assessments/123/result/").status_code == 404
    assert client.get("/companies/not-a-uuid/").status_code == 404


# Consultants: read-only access while the company grants it (the full matrix of every URL
# pattern is tests/test_access_matrix.py).


def read_only_urls(w):
    c, s = w["company"].pk, w["submitted"].pk
    return [f"/companies/{c}/", f"/companies/{c}/progress/", f"/assessments/{s}/result/"]


def test_a_granted_consultant_reads_but_cannot_change_anything(client, world):
    from tests.factories import make_consultant

    client.force_login(make_consultant(clients=[world["company"]]))
    for url in read_only_urls(world):
        assert client.get(url).status_code == 200, url
    submitted_detail = f"/assessments/{world['submitted'].pk}/"  # redirects to the result
    assert client.get(submitted_detail).status_code == 302
    for method, url in all_urls(world):
        if url in read_only_urls(world) or url == submitted_detail:
            continue
        assert call(client, method, url).status_code == 404, (method, url)


def test_consultants_without_a_grant_get_404_everywhere(client, world):
    from assessments.consultants import services as consultant_services
    from assessments.models import ConsultantGrant
    from tests.factories import make_consultant

    stranger = make_consultant()
    revoked = make_consultant(clients=[world["company"]])
    consultant_services.revoke_grant(
        ConsultantGrant.objects.get(consultant=revoked), by=world["owner"]
    )
    for user in (stranger, revoked):
        client.force_login(user)
        for method, url in all_urls(world) + [("get", u) for u in read_only_urls(world)]:
            assert call(client, method, url).status_code == 404, (method, url)
