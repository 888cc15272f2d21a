"""Before submission, the checklist and KPI steps show (without blocking) what would make the
verdict provisional and the respondent can fix: tick pairs, missed foundations, KPI sets that
cannot be true."""

import pytest

from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db


def draft_with(content, **answers):
    owner = make_user()
    company = make_company(owner=owner)
    draft = make_assessment(company, owner, content, submit=False, **answers)
    return owner, draft


def step_html(client, owner, draft, step):
    client.force_login(owner)
    response = client.get(f"/assessments/{draft.pk}/step/{step}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_skip_names_the_foundations_to_tick(client, content):
    owner, draft = draft_with(content, checklist=["L4.1", "L4.2", "L4.3", "L4.4"])
    html = step_html(client, owner, draft, 1)
    assert 'data-check="skip"' in html
    assert "你勾选了 Level 4 的能力" in html and "Level 2、Level 3" in html
    assert "已部署DMS等管理系统" in html and "如已具备,请补勾" in html


def test_contradictory_ticks_are_named_on_the_checklist_step(client, content):
    owner, draft = draft_with(content, checklist=["L1.1", "L2.2", "L2.1"])
    html = step_html(client, owner, draft, 1)
    assert 'data-check="K6"' in html
    assert "两者不能同时成立" in html
    assert 'data-check="K1"' not in html


def test_impossible_kpis_are_named_on_the_kpi_step_and_nothing_blocks(client, content):
    owner, draft = draft_with(
        content,
        checklist=["L2.1", "L2.2"],
        indicators={"paper_work_order_pct": 70, "e_work_order_pct": 90},
    )
    html = step_html(client, owner, draft, 2)
    assert 'data-check="K1"' in html and "110%" in html
    # Nothing about ticks on the KPI step, and a clean checklist shows no box at all.
    assert 'data-check="K6"' not in html
    assert "draft-checks" not in step_html(client, owner, draft, 1)
