"""Errors people can fix: plain messages that name the field, a summary at the top that links
to each field, invalid inputs marked for screen readers, required questions marked, and no
message offering an option that the question does not have."""

import re

import pytest

from tests.factories import start_draft, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client):
    return start_draft(client)


def summary_links(html) -> dict[str, str]:
    block = html[html.index('id="error-summary"') :]
    block = block[: block.index("</div>")]
    return dict(re.findall(r'<a href="#([^"]+)">([^<]+)</a>', block))


def input_tag(html, element_id) -> str:
    return re.search(rf'<input[^>]*id="{element_id}"[^>]*>', html).group(0)


def test_an_out_of_range_number_is_named_linked_and_marked(client, draft):
    response = client.post(
        step_url(draft, 2),
        {"revision": "0", "action": "save", "e_work_order_pct": "150", "api_partner_count": "2.5"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    links = summary_links(html)
    assert links["id_e_work_order_pct"] == "工单电子化率须在 0–100 之间"
    assert links["id_api_partner_count"] == "开放API第三方伙伴数量须为整数"
    assert "确保该值" not in html  # no anonymous framework wording
    field = input_tag(html, "id_e_work_order_pct")
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_e_work_order_pct_error id_e_work_order_pct_help"' in field
    assert 'id="id_e_work_order_pct_error"' in html
    # The summary is announced and takes the focus (static/js/autosave.js focuses it).
    assert 'role="alert" tabindex="-1"' in html and "data-error-summary" in html
    # A valid field is not marked.
    assert "aria-invalid" not in input_tag(html, "id_system_integration_pct")
    draft.refresh_from_db()
    assert draft.indicators == {}  # nothing saved while something is wrong, nothing lost either
    assert 'value="150"' in html


def test_moving_on_names_and_links_every_unanswered_question(client, draft, content):
    response = client.post(step_url(draft, 2), {"revision": "0", "action": "next"})
    html = response.content.decode()
    links = summary_links(html)
    assert f"还有 {len(content.metrics)} 项未作答" in html
    assert len(links) == len(content.metrics)
    assert links["id_e_work_order_pct"] == "请填写“工单电子化率”,或勾选“不清楚”。"
    # A yes/no question links to its first radio button.
    assert links["id_has_unified_system_0"].startswith("请为“")
    assert "“是”“否”或“不清楚”" in links["id_has_unified_system_0"]


def test_dimensions_never_mention_an_unknown_option_they_do_not_have(client, draft, content):
    response = client.post(step_url(draft, 3), {"revision": "0", "action": "next"})
    html = response.content.decode()
    links = summary_links(html)
    assert len(links) == len(content.self_assessed_dimensions)
    assert "不清楚" not in html[html.index("<form") : html.index("</form>")]
    for dimension in content.self_assessed_dimensions:
        assert links[f"id_{dimension.code}_0"] == f"请为“{dimension.name_zh}”选择一项最符合的描述。"
    first = content.self_assessed_dimensions[0].code
    assert 'aria-invalid="true"' in input_tag(html, f"id_{first}_0")
    assert f'aria-describedby="id_{first}_error"' in html


def test_every_required_question_is_marked_and_step_4_says_it_is_optional(client, draft, content):
    step2 = client.get(step_url(draft, 2)).content.decode()
    assert step2.count('class="required-mark"') == len(content.metrics) + 1  # + the note
    step3 = client.get(step_url(draft, 3)).content.decode()
    assert step3.count('class="required-mark"') == len(content.self_assessed_dimensions) + 1
    step4 = client.get(step_url(draft, 4)).content.decode()
    assert "required-mark" not in step4 and "asteriskField" not in step4
    assert "本步全部选填" in step4


def test_a_refused_submission_lists_the_missing_questions_on_their_step(client, draft, content):
    response = client.post(f"/assessments/{draft.pk}/submit/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == step_url(draft, 2) + "?unanswered=1"
    assert "还不能提交:第 2 步还有" in html and "工单电子化率" in html
    assert len(summary_links(html)) == len(content.metrics)
