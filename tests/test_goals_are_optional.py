"""Goals and homework (step 4) never stand between a manager and the diagnosis: step 3 submits,
step 4 has no required field, and an assessment without goals has a result page."""

import pytest

from assessments.models import Assessment
from assessments.questionnaire import services as questionnaire_services
from tests.factories import full_answers, make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client, content):
    user = make_user()
    company = make_company(owner=user)
    client.force_login(user)
    client.post(f"/companies/{company.pk}/assessments/start/")
    assessment = Assessment.objects.get(company=company)
    answers = full_answers(content, checklist=["L2.1", "L2.2", "L2.3"])
    for step in (1, 2):
        assessment = questionnaire_services.save_step(
            assessment, step=step, answers=answers[step], user=user
        )
    return assessment


def test_step_3_submits_without_any_goal(client, draft, content):
    page = client.get(f"/assessments/{draft.pk}/step/3/").content.decode()
    assert 'name="action" value="submit"' in page
    data = {"revision": str(draft.revision), "action": "submit"}
    data.update({d.code: "2" for d in content.self_assessed_dimensions})
    response = client.post(f"/assessments/{draft.pk}/step/3/", data)
    assert response["Location"] == f"/assessments/{draft.pk}/result/"
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.target_level is None
    assert draft.diagnosis.level == 2
    assert client.get(f"/assessments/{draft.pk}/result/").status_code == 200


def test_step_4_submits_with_every_field_empty(client, draft, content):
    answers = full_answers(content)[3]
    draft = questionnaire_services.save_step(draft, step=3, answers=answers, user=draft.created_by)
    response = client.post(
        f"/assessments/{draft.pk}/step/4/",
        {
            "revision": str(draft.revision),
            "action": "submit",
            "target_level": "",
            "target_year": "",
        },
    )
    assert response["Location"] == f"/assessments/{draft.pk}/result/"
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_an_incomplete_step_3_names_what_is_missing_instead_of_submitting(client, draft, content):
    first, *rest = content.self_assessed_dimensions
    data = {"revision": str(draft.revision), "action": "submit"}
    data.update({d.code: "2" for d in rest})
    response = client.post(f"/assessments/{draft.pk}/step/3/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"请为“{first.name_zh}”选择一项最符合的描述。" in html
    draft.refresh_from_db()
    assert draft.is_draft
    assert len(draft.dimensions) == len(rest)  # what was answered is saved
