"""The four-step questionnaire: drafts in the database, resume, validation that keeps input,
"不清楚" as an answer, submission that freezes answers and creates exactly one diagnosis."""

import pytest
from django.utils.html import escape

from assessments.models import Assessment, Diagnosis
from assessments.questionnaire import services as questionnaire_services
from tests.factories import PASSWORD, full_answers, make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = make_user()
    make_company(owner=user)
    client.force_login(user)
    return user


def start(client, manager):
    company = manager.membership.company
    response = client.post(f"/companies/{company.pk}/assessments/start/")
    assert response.status_code == 302
    assessment = Assessment.objects.get(company=company)
    assert response["Location"] == f"/assessments/{assessment.pk}/step/1/"
    return assessment


def step_url(assessment, step):
    return f"/assessments/{assessment.pk}/step/{step}/"


def test_step_1_shows_all_25_items_without_level_labels_in_a_mixed_order(client, manager, content):
    assessment = start(client, manager)
    html = client.get(step_url(assessment, 1)).content.decode()
    positions = [html.index(escape(item.text_zh)) for item in content.checklist]
    assert len(positions) == 25
    shown_order = [item.code for _, item in sorted(zip(positions, content.checklist, strict=True))]
    assert shown_order != [item.code for item in content.checklist]
    # The first five shown come from at least three different levels.
    assert len({code[1] for code in shown_order[:5]}) >= 3
    form_html = html[html.index("<form") : html.index("</form>")]
    assert "Level 1" not in form_html and "L1.1" not in form_html.replace('value="L1.1"', "")


def test_ticks_are_saved_as_a_draft_and_resume_after_logging_out(client, manager, content):
    assessment = start(client, manager)
    response = client.post(
        step_url(assessment, 1),
        {"checklist": ["L3.2", "L2.1"], "action": "next", "revision": "0"},
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(assessment, 2)
    assessment.refresh_from_db()
    assert assessment.checklist == ["L2.1", "L3.2"]  # stored in seed order
    assert assessment.current_step == 2

    client.logout()
    client.post("/accounts/login/", {"username": manager.email, "password": PASSWORD})
    company = manager.membership.company
    page = client.get(f"/companies/{company.pk}/")
    assert f"/assessments/{assessment.pk}/step/2/" in page.content.decode()
    step1 = client.get(step_url(assessment, 1)).content.decode()
    assert 'value="L3.2"' in step1
    checked = [chunk for chunk in step1.split("<input") if "checked" in chunk]
    assert {c.split('value="')[1].split('"')[0] for c in checked} == {"L2.1", "L3.2"}


def test_a_validation_error_keeps_every_typed_value(client, manager, content):
    assessment = start(client, manager)
    data = {
        "revision": "0",
        "action": "next",
        "e_work_order_pct": "150",  # out of range
        "paper_work_order_pct": "12.5",
        "has_unified_system": "yes",
        "customer_satisfaction_score": "88",
    }
    response = client.post(step_url(assessment, 2), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="150"' in html
    assert 'value="12.5"' in html
    assert 'value="88"' in html
    assert "is-invalid" in html
    assessment.refresh_from_db()
    assert assessment.current_step == 1


def test_moving_on_needs_every_metric_answered_but_unknown_is_an_answer(client, manager, content):
    assessment = start(client, manager)
    data = {"revision": "0", "action": "next", "e_work_order_pct": "85"}
    response = client.post(step_url(assessment, 2), data)
    assert response.status_code == 200
    assert "未作答" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.indicators == {"e_work_order_pct": 85}  # the partial answer was kept

    data = {"revision": str(assessment.revision), "action": "next"}
    for metric in content.metrics:
        if metric.type in ("boolean", "choice"):
            data[metric.code] = "unknown"
        else:
            data[f"{metric.code}__unknown"] = "on"
    data["e_work_order_pct__unknown"] = ""
    data["e_work_order_pct"] = "85"
    data["has_unified_system"] = "no"
    response = client.post(step_url(assessment, 2), data)
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.indicators["e_work_order_pct"] == 85
    assert assessment.indicators["has_unified_system"] is False
    assert assessment.indicators["paper_work_order_pct"] == "unknown"
    assert len(assessment.indicators) == len(content.metrics)


def test_a_number_and_unknown_together_is_refused(client, manager):
    assessment = start(client, manager)
    response = client.post(
        step_url(assessment, 2),
        {
            "revision": "0",
            "action": "save",
            "e_work_order_pct": "85",
            "e_work_order_pct__unknown": "on",
        },
    )
    assert response.status_code == 200
    assert "二者只能选其一" in response.content.decode()


def test_a_boolean_is_not_a_number_and_text_is_refused(client, manager):
    assessment = start(client, manager)
    response = client.post(
        step_url(assessment, 2),
        {
            "revision": "0",
            "action": "save",
            "e_work_order_pct": "abc",
            "has_unified_system": "maybe",
        },
    )
    assert response.status_code == 200
    assessment.refresh_from_db()
    assert assessment.indicators == {}


def test_autosave_answers_json_and_bumps_the_revision(client, manager):
    assessment = start(client, manager)
    response = client.post(
        step_url(assessment, 1), {"checklist": ["L1.1"], "action": "autosave", "revision": "0"}
    )
    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert response.json()["revision"] == 1
    assessment.refresh_from_db()
    assert assessment.checklist == ["L1.1"]


def test_a_stale_save_of_the_same_step_is_a_conflict_that_keeps_the_typed_answers(client, manager):
    assessment = start(client, manager)
    colleague_save = questionnaire_services.save_step(
        assessment, step=1, answers={"checklist": ["L1.1"]}, user=manager, expected_revision=0
    )
    assert colleague_save.revision == 1
    response = client.post(
        step_url(assessment, 1), {"checklist": ["L5.5"], "action": "save", "revision": "0"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "保存冲突" in html
    checked = [chunk for chunk in html.split("<input") if "checked" in chunk]
    assert any('value="L5.5"' in chunk for chunk in checked)
    assessment.refresh_from_db()
    assert assessment.checklist == ["L1.1"]


def test_saving_another_step_is_not_a_conflict(client, manager):
    assessment = start(client, manager)
    questionnaire_services.save_step(
        assessment, step=1, answers={"checklist": ["L1.1"]}, user=manager, expected_revision=0
    )
    response = client.post(
        step_url(assessment, 3), {"work_orders": "2", "action": "save", "revision": "0"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.dimensions == {"work_orders": 2}


def test_submit_needs_every_step_complete(client, manager, content):
    assessment = start(client, manager)
    response = client.post(
        step_url(assessment, 4),
        {"revision": "0", "action": "submit", "target_level": "2", "target_year": "2030"},
    )
    assert response.status_code == 302
    # Back to the first incomplete step, which lists its unanswered items.
    assert response["Location"] == step_url(assessment, 2) + "?unanswered=1"
    assessment.refresh_from_db()
    assert assessment.is_draft
    assert not Diagnosis.objects.exists()


def _fill_all(assessment, manager, content, **kwargs):
    for step, answers in full_answers(content, **kwargs).items():
        assessment = questionnaire_services.save_step(
            assessment, step=step, answers=answers, user=manager
        )
    return assessment


def test_submit_freezes_answers_and_double_submission_makes_one_result(client, manager, content):
    assessment = start(client, manager)
    assessment = _fill_all(assessment, manager, content, checklist=["L2.1", "L2.2", "L2.4"])
    data = {
        "revision": str(assessment.revision),
        "action": "submit",
        "target_level": "3",
        "target_year": "2029",
        "pain_point_1": "<b>系统使用率低</b>",
    }
    first = client.post(step_url(assessment, 4), data)
    assert first.status_code == 302
    assert first["Location"] == f"/assessments/{assessment.pk}/result/"
    second = client.post(f"/assessments/{assessment.pk}/submit/")
    assert second.status_code == 302
    assert Diagnosis.objects.filter(assessment=assessment).count() == 1
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert assessment.diagnosis.level == 2
    assert assessment.pain_point_1 == "<b>系统使用率低</b>"

    # Frozen: a later post to a step changes nothing.
    response = client.post(
        step_url(assessment, 1), {"checklist": ["L5.1"], "action": "save", "revision": "99"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.checklist == ["L2.1", "L2.2", "L2.4"]


def test_submission_records_the_model_version(client, manager, content):
    assessment = start(client, manager)
    assert assessment.model_version == content.version


def test_reassess_copies_the_last_answers_into_a_new_draft(client, manager, content):
    assessment = start(client, manager)
    assessment = _fill_all(
        assessment,
        manager,
        content,
        checklist=["L2.1", "L2.2", "L2.3"],
        goals={"pain_point_2": "缺货"},
    )
    questionnaire_services.submit_assessment(assessment, user=manager)
    response = client.post(f"/assessments/{assessment.pk}/reassess/")
    assert response.status_code == 302
    draft = Assessment.objects.exclude(pk=assessment.pk).get()
    assert response["Location"] == step_url(draft, 1)
    assert draft.is_draft
    assert draft.checklist == ["L2.1", "L2.2", "L2.3"]
    assert draft.indicators == assessment.indicators
    assert draft.pain_point_2 == "缺货"
    assert draft.copied_from == assessment
    # A second click resumes the same draft instead of opening another.
    client.post(f"/assessments/{assessment.pk}/reassess/")
    assert Assessment.objects.count() == 2


def test_starting_twice_resumes_the_open_draft(client, manager):
    first = start(client, manager)
    company = manager.membership.company
    client.post(f"/companies/{company.pk}/assessments/start/")
    assert Assessment.objects.filter(company=company).count() == 1
    assert Assessment.objects.get(company=company) == first


def test_unknown_step_is_404(client, manager):
    assessment = start(client, manager)
    assert client.get(step_url(assessment, 5)).status_code == 404
    assert client.get(step_url(assessment, 0)).status_code == 404
