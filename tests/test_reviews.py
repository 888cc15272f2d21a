"""Consultant reviews: the justification rule (form and service), sign-off, the kept history,
and both levels on the result page and in the report."""

import pytest

from assessments.consultants import services as consultant_services
from assessments.consultants.forms import ReviewForm
from assessments.models import Review
from assessments.reports.report import build_report
from assessments.selectors import latest_signed_review
from tests.factories import make_assessment, make_company, make_consultant, make_review, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(content):
    owner = make_user()
    company = make_company(owner=owner)
    submitted = make_assessment(company, owner, content, checklist=["L2.1", "L2.2", "L2.3"])
    consultant = make_consultant(clients=[company])
    return {"owner": owner, "company": company, "submitted": submitted, "consultant": consultant}


def post_review(client, assessment, **data):
    values = {
        "comment_checklist": "",
        "comment_indicators": "",
        "comment_dimensions": "",
        "comment_roadmap": "",
        "comment_homework": "",
        "overall_opinion": "",
        "confirmed_level": "",
        "justification": "",
        "signer_name": "",
        "action": "save",
        **data,
    }
    return client.post(f"/assessments/{assessment.pk}/review/", values)


def test_a_different_level_needs_a_justification_in_the_form(setup):
    form = ReviewForm(
        {"confirmed_level": "3", "signer_name": "陈", "action": "sign"}, computed_level=2
    )
    assert not form.is_valid() and "justification" in form.errors
    form = ReviewForm(
        {
            "confirmed_level": "3",
            "justification": "访谈证据",
            "signer_name": "陈",
            "action": "sign",
        },
        computed_level=2,
    )
    assert form.is_valid(), form.errors
    form = ReviewForm(
        {"confirmed_level": "2", "signer_name": "陈", "action": "sign"}, computed_level=2
    )
    assert form.is_valid()


def test_a_different_level_needs_a_justification_in_the_service(setup):
    with pytest.raises(consultant_services.ReviewInvalid) as error:
        consultant_services.save_review(
            assessment=setup["submitted"],
            reviewer=setup["consultant"],
            section_comments={},
            overall_opinion="",
            confirmed_level=3,
            justification="  ",
            sign=True,
            signer_name="陈",
        )
    assert "justification" in error.value.errors
    assert not Review.objects.exists()


def test_signing_needs_a_level_and_a_name(setup):
    with pytest.raises(consultant_services.ReviewInvalid) as error:
        consultant_services.save_review(
            assessment=setup["submitted"],
            reviewer=setup["consultant"],
            section_comments={},
            overall_opinion="x",
            confirmed_level=None,
            justification="",
            sign=True,
            signer_name="",
        )
    assert set(error.value.errors) == {"confirmed_level", "signer_name"}


def test_only_a_granted_consultant_can_review(setup):
    stranger = make_consultant()
    with pytest.raises(consultant_services.NotAConsultant):
        make_review(setup["submitted"], stranger)
    with pytest.raises(consultant_services.NotAConsultant):
        make_review(setup["submitted"], setup["owner"])


def test_the_history_is_kept_and_the_latest_signed_review_counts(client, setup):
    client.force_login(setup["consultant"])
    submitted = setup["submitted"]
    response = post_review(
        client,
        submitted,
        comment_checklist="勾选基本可信",
        overall_opinion="第一版意见",
        confirmed_level="2",
        signer_name="陈顾问",
        action="sign",
    )
    assert response.status_code == 302
    response = post_review(
        client, submitted, overall_opinion="草稿:想调到 L3", confirmed_level="3", action="save"
    )
    assert response.status_code == 200  # a different level without justification
    assert "justification" in response.context["form"].errors
    post_review(
        client,
        submitted,
        overall_opinion="草稿:想调到 L3",
        confirmed_level="3",
        justification="现场核实 BI 已覆盖",
        action="save",
    )
    assert Review.objects.count() == 2
    assert latest_signed_review(submitted).overall_opinion == "第一版意见"  # a draft does not count
    post_review(
        client,
        submitted,
        overall_opinion="第二版意见",
        confirmed_level="3",
        justification="现场核实 BI 已覆盖",
        signer_name="陈顾问",
        action="sign",
    )
    assert Review.objects.count() == 3  # append-only
    latest = latest_signed_review(submitted)
    assert latest.confirmed_level == 3 and latest.computed_level == 2
    assert latest.justification == "现场核实 BI 已覆盖"
    page = client.get(f"/assessments/{submitted.pk}/review/").content.decode()
    assert page.count("/reviews/") == 3  # the whole history is listed

    # The manager sees both levels, the opinion and the section comment on the result page.
    client.force_login(setup["owner"])
    html = client.get(f"/assessments/{submitted.pk}/result/").content.decode()
    assert "顾问确认" in html and "Level 3" in html and "Level 2" in html
    assert "第二版意见" in html and "现场核实 BI 已覆盖" in html
    assert "勾选基本可信" not in html  # the section comment of the superseded review
    # ... and the review history page, but not a draft.
    draft = Review.objects.filter(signed_off_at__isnull=True).get()
    assert client.get(f"/reviews/{latest.pk}/").status_code == 200
    assert client.get(f"/reviews/{draft.pk}/").status_code == 404


def test_the_report_carries_the_review_for_the_pdf(setup):
    submitted = setup["submitted"]
    assert build_report(submitted).review is None
    review = make_review(submitted, setup["consultant"], confirmed_level=3, overall_opinion="好")
    report = build_report(submitted)
    assert report.review == review
    # The names the PDF template reads.
    assert report.review.confirmed is True
    assert report.review.consultant_name == "顾问"
    assert report.review.confirmed_at == review.signed_off_at
    assert report.review.opinion == "好"


def test_section_comments_show_in_their_sections(client, setup):
    make_review(
        setup["submitted"],
        setup["consultant"],
        section_comments={"indicators": "指标口径<script>需核实</script>", "bogus": "x"},
    )
    review = latest_signed_review(setup["submitted"])
    assert review.section_comments == {"indicators": "指标口径<script>需核实</script>"}
    client.force_login(setup["owner"])
    html = client.get(f"/assessments/{setup['submitted'].pk}/result/").content.decode()
    assert "指标口径&lt;script&gt;需核实&lt;/script&gt;" in html  # escaped


def test_a_revoked_consultant_cannot_review(client, setup):
    from assessments.models import ConsultantGrant

    grant = ConsultantGrant.objects.get(consultant=setup["consultant"])
    consultant_services.revoke_grant(grant, by=setup["owner"])
    client.force_login(setup["consultant"])
    response = post_review(client, setup["submitted"], confirmed_level="2", signer_name="x")
    assert response.status_code == 404
