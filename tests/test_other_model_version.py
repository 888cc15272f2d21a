"""The model is data: a version with other codes and only 4 levels runs the questionnaire, the
verdict, the result page and the PDF without a line of Python naming its codes or its size.

The fixture is model v2 with its top level dropped and every code renamed (checklist items
"Lx.y" -> "Qx-y", criteria "Cx.y" -> "Kx-y"), the verdict rules renamed with it.
"""

import copy
import re
from io import BytesIO

import pytest
from django.apps import apps as django_apps
from pypdf import PdfReader

from maturity.loader import load_model_data, read_model_file
from maturity.selectors import clear_model_cache
from tests.factories import make_company, make_user

pytestmark = pytest.mark.django_db


def renamed(value):
    if isinstance(value, str):
        value = re.sub(r"^L(\d)\.(\d)$", r"Q\1-\2", value)
        return re.sub(r"^C(\d)\.(\d)$", r"K\1-\2", value)
    if isinstance(value, list):
        return [renamed(item) for item in value]
    if isinstance(value, dict):
        return {key: renamed(item) if key != "text" else item for key, item in value.items()}
    return value


def four_level_model() -> dict:
    data = copy.deepcopy(read_model_file("model_v2.yaml"))
    data["version"] = "test-4-levels"
    data["levels"] = [level for level in data["levels"] if level["number"] <= 4]
    data["checklist"] = [item for item in data["checklist"] if item["level"] <= 4]
    data["criteria"] = [c for c in data["criteria"] if c["level"] <= 4]
    used = {c["metric"] for c in data["criteria"]} | {
        d["metric"] for d in data["dimensions"] if d.get("metric")
    }
    rules = data["verdict_rules"]
    for warning in rules["kpi_warnings"]:
        used |= set(warning.get("sum_of") or []) | {
            c["metric"] for c in warning.get("conditions") or []
        }
    used.add("customer_satisfaction_basis")
    data["metrics"] = [m for m in data["metrics"] if m["code"] in used]
    for dimension in data["dimensions"]:
        dimension["cells"] = dimension["cells"][:4]
        if dimension.get("bands"):
            dimension["bands"] = dimension["bands"][:3]
    data["checklist"] = [{**item, "code": renamed(item["code"])} for item in data["checklist"]]
    data["criteria"] = [{**c, "code": renamed(c["code"])} for c in data["criteria"]]
    data["verdict_rules"] = renamed(rules)
    return data


@pytest.fixture
def four_levels(content):
    version = load_model_data(django_apps, four_level_model())
    clear_model_cache()
    yield version
    clear_model_cache()


def test_a_four_level_model_with_other_codes_runs_end_to_end(client, four_levels):
    owner = make_user()
    company = make_company(owner=owner)
    client.force_login(owner)
    response = client.post(f"/companies/{company.pk}/assessments/start/")
    assert response.status_code == 302
    draft = company.assessments.get()
    assert draft.model_version == four_levels
    step = f"/assessments/{draft.pk}/step/"

    page = client.get(step + "1/").content.decode()
    assert 'value="Q2-1"' in page and "L2.1" not in page
    ticks = ["Q2-1", "Q2-2", "Q3-1", "Q3-2", "Q3-3"]
    response = client.post(
        step + "1/", {"revision": draft.revision, "action": "next", "checklist": ticks}
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    draft.refresh_from_db()
    data = {"revision": draft.revision, "action": "next"}
    for metric in four_levels.metrics.all():
        if metric.type in ("boolean", "choice"):
            data[metric.code] = "unknown"
        else:
            data[f"{metric.code}__unknown"] = "on"
    response = client.post(step + "2/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    draft.refresh_from_db()
    data = {"revision": draft.revision, "action": "submit"}
    data.update({d.code: "3" for d in four_levels.dimensions.filter(kind="self_assessed")})
    response = client.post(step + "3/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    draft.refresh_from_db()
    assert not draft.is_draft
    assert draft.diagnosis.level == 3 and draft.diagnosis.checklist_level == 3
    html = client.get(f"/assessments/{draft.pk}/result/").content.decode()
    assert "Level 3" in html and "Level 4" in html
    # Nothing speaks of a fifth level but the seed's own closing words (model text).
    assert "Level 5" not in html.split('<section class="closing"')[0]

    pdf = client.get(f"/assessments/{draft.pk}/report.pdf")
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    closing = four_levels.texts["closing_title"]["zh"]
    assert "Level 3" in text
    assert "Level 5" not in text.rsplit(closing.split(":")[0], 1)[0]


def test_the_checklist_step_counts_the_versions_items(client, four_levels):
    owner = make_user()
    company = make_company(owner=owner)
    client.force_login(owner)
    client.post(f"/companies/{company.pk}/assessments/start/")
    draft = company.assessments.get()
    page = client.get(f"/assessments/{draft.pk}/step/1/").content.decode()
    assert "共 20 项" in page
