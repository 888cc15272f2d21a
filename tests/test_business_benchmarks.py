"""Per-KPI benchmark among peers of the same type and city tier, and the national shares."""

from pathlib import Path

import pytest
from django.urls import reverse

from assessments import business_services
from assessments.business_benchmarks import NATIONAL_SHARES, WAITING_SOURCE, percentile
from tests.factories import make_assessment, make_company, make_user, ticks_for_level

pytestmark = pytest.mark.django_db
SEED = Path("/work/shared/seed/000_e9faecbfe89754b3.txt")


def company_with(content, ftfr, *, type="dealer_4s", tier="tier2", name=None):
    owner = make_user()
    company = make_company(
        owner=owner, type=type, city_tier=tier, **({"name": name} if name else {})
    )
    assessment = make_assessment(company, owner, content, checklist=ticks_for_level(2))
    business_services.save_business_figures(assessment, figures={"ftfr_pct": ftfr}, user=owner)
    return owner, assessment


def test_percentile_counts_ties_half():
    assert percentile(80, [70, 75, 80, 90, 95]) == 50
    assert percentile(100, [70, 75, 80, 90, 95]) == 100
    assert percentile(60, [70, 75, 80, 90, 95]) == 0


def test_percentile_shown_only_with_five_peers_and_no_one_named(client, content):
    for i, ftfr in enumerate((70, 75, 78, 90)):
        company_with(content, ftfr, name=f"同行企业{i}")
    company_with(content, 60, tier="tier1", name="别的城市级别")  # not in the group
    owner, mine = company_with(content, 80)
    client.force_login(owner)
    url = reverse("assessment_result", args=[mine.pk])
    page = client.get(url).content.decode()
    assert "同组填写该指标的企业不足5家,暂不显示" in page
    company_with(content, 95, name="第五家同行")
    page = client.get(url).content.decode()
    # 80 against 70, 75, 78, 90, 95: three below → P60
    assert "P60(同组 5 家企业,由低到高排列)" in page
    for i in range(4):
        assert f"同行企业{i}" not in page
    assert "第五家同行" not in page and "别的城市级别" not in page


@pytest.mark.skipif(not SEED.exists(), reason="seed document not mounted")
def test_national_shares_quote_the_seed_with_their_denominators():
    seed = SEED.read_text(encoding="utf-8")
    for _n, _share, _denominator, quote in NATIONAL_SHARES:
        assert quote["zh"] in seed and quote["en"]
    assert WAITING_SOURCE["zh"] in seed
    assert "客户满意度 60-70分 70-75分 75-85分 85-90分 90+分" in seed
    level_1 = NATIONAL_SHARES[0]
    assert (
        level_1[2]["zh"] == "独立售后门店" and "约35%的独立售后门店(约12万家)" in level_1[3]["zh"]
    )


def test_the_page_says_the_shares_do_not_add_up(client, content):
    owner, mine = company_with(content, 80)
    client.force_login(owner)
    page = client.get(reverse("assessment_result", args=[mine.pk])).content.decode()
    assert "Level 1:~35% 独立售后门店" in page
    assert "35% 只是独立售后门店中的比例" in page


def test_satisfaction_is_compared_on_the_same_basis_only(client, content):
    for score in (40, 45, 50, 55):
        owner, other = company_with(content, 80)
        business_services.save_business_figures(
            other, figures={"satisfaction_score": score, "satisfaction_basis": "nps"}, user=owner
        )
    owner, csi = company_with(content, 80)
    business_services.save_business_figures(
        csi, figures={"satisfaction_score": 90, "satisfaction_basis": "oem_csi"}, user=owner
    )
    owner, mine = company_with(content, 80)
    business_services.save_business_figures(
        mine,
        figures={"satisfaction_score": 52, "satisfaction_basis": "nps", "stockout_pct": 5},
        user=owner,
    )
    client.force_login(owner)
    page = client.get(reverse("assessment_result", args=[mine.pk])).content.decode()
    # Four NPS peers (the CSI one is another scale): too few.
    assert page.count("同组填写该指标的企业不足5家,暂不显示") == 2  # NPS and stock-outs
    assert "理想汽车(Level 3):NPS 68 → 86" in page
    assert "常用件缺货率从12%降至3%" in page
