"""The initiative library is versioned data: it loads, it is complete, it refuses silent edits."""

from collections import Counter

import pytest

from assessments.models import CompanyType
from maturity.initiatives import (
    InitiativeDataError,
    load_initiative_data,
    read_initiative_file,
    validate_initiative_data,
)
from maturity.loader import content_checksum
from maturity.models import Initiative, InitiativeLibrary

DATA_FILE = "initiatives_v1.yaml"
OWNER_ROLES = {"gm", "as_director", "service_mgr", "parts_mgr", "crm", "it_data"}


def codes_needing_three(content) -> list[str]:
    """Every checklist item and criterion of Levels 2-4, and the symptoms of Levels 1 and 2."""
    codes = [i.code for i in content.checklist if 2 <= i.level.number <= 4]
    codes += [c.code for c in content.criteria if 2 <= c.level_number <= 4]
    codes += [i.code for i in content.checklist if i.level.number == 1]
    codes += [c.code for c in content.criteria if c.level_number == 1]
    return codes


@pytest.mark.django_db
def test_version_1_is_loaded_and_current_with_the_files_checksum():
    library = InitiativeLibrary.objects.current()
    assert library.version == "1"
    assert library.checksum == content_checksum(read_initiative_file(DATA_FILE))
    assert library.initiatives.count() == len(read_initiative_file(DATA_FILE)["initiatives"])


@pytest.mark.django_db
def test_every_level_2_to_4_code_and_level_1_2_symptom_has_three_initiatives(content):
    counts = Counter(
        code
        for moves in Initiative.objects.filter(library__is_current=True).values_list(
            "moves", flat=True
        )
        for code in moves
    )
    needed = codes_needing_three(content)
    assert len(needed) == 39
    assert {code: counts[code] for code in needed if counts[code] < 3} == {}


@pytest.mark.django_db
def test_every_initiative_answers_law_2_in_both_languages_with_known_roles():
    library = InitiativeLibrary.objects.current()
    for initiative in library.initiatives.all():
        for key in ("title", "what", "mvp", "pain", "value", "kpi"):
            assert initiative.texts[key]["zh"] and initiative.texts[key]["en"], (
                initiative.code,
                key,
            )
        assert initiative.owner_role in OWNER_ROLES
        assert initiative.budget_band in library.reference["budget_bands"]
        assert set(initiative.company_types) <= set(CompanyType.values)
    assert set(library.reference["owner_roles"]) == OWNER_ROLES


@pytest.mark.django_db
def test_company_types_carry_ceilings_and_the_seeds_reasoning(seed_text):
    types = InitiativeLibrary.objects.current().reference["company_types"]
    assert set(types) == set(CompanyType.values)
    assert types["independent"]["ceiling"] == 2
    assert types["dealer_4s"]["ceiling"] == 3
    assert types["oem_direct"]["ceiling"] == 5
    closing = "Level 5很美好,但也许不适合你的企业规模和发展阶段。"
    assert closing in seed_text
    for name, profile in types.items():
        assert closing in profile["reasoning"]["zh"], name
        assert profile["reasoning"]["en"]
    for cell in ("独立小店", "多数4S店", "理想/区域连锁"):
        assert cell in seed_text
    assert "独立小店" in types["independent"]["reasoning"]["zh"]
    assert "多数4S店" in types["dealer_4s"]["reasoning"]["zh"]
    assert "理想/区域连锁" in types["regional_chain"]["reasoning"]["zh"]
    # The dealer's data platform, OTA and partner ecosystem are the OEM's.
    assert {"L3.1", "C3.1", "L4.3", "C4.3", "L5.1", "L5.2", "C5.2"} <= set(
        types["dealer_4s"]["oem_owned"]
    )


@pytest.mark.django_db
def test_same_version_with_other_content_is_refused():
    from django.apps import apps

    data = read_initiative_file(DATA_FILE)
    assert load_initiative_data(apps, data).version == "1"  # identical: idempotent
    data["initiatives"][0]["title"]["zh"] += "(改)"
    with pytest.raises(InitiativeDataError, match="new version"):
        load_initiative_data(apps, data)


def test_unknown_codes_and_prerequisite_cycles_are_refused():
    data = read_initiative_file(DATA_FILE)
    data["initiatives"][0]["moves"] = ["L9.9"]
    data["initiatives"][0]["prerequisites"] = [data["initiatives"][2]["code"]]
    data["initiatives"][2]["prerequisites"] = [data["initiatives"][0]["code"]]
    with pytest.raises(InitiativeDataError) as error:
        validate_initiative_data(data)
    assert "unknown code L9.9" in str(error.value)
    assert "cycle" in str(error.value)


# Phrases in the library's quotes that are this product's words, not the seed's.
OWN_QUOTES = {"依赖主机厂", "纸质工单停用日", "哪个数对"}


def test_what_the_library_quotes_is_the_seeds_own_words(seed_text):
    """Every "quoted" phrase of the Chinese texts (initiatives and type reasoning) is verbatim
    in the seed: where the seed has words for something, the library uses them."""
    import re

    data = read_initiative_file(DATA_FILE)
    texts = [
        e[key]["zh"]
        for e in data["initiatives"]
        for key in ("title", "what", "mvp", "pain", "value", "kpi")
    ]
    texts += [t["reasoning"]["zh"] for t in data["company_types"].values()]
    quoted = {q for text in texts for q in re.findall(r'"([^"]{2,})"', text)}
    assert len(quoted) > 30
    missing = sorted(q for q in quoted - OWN_QUOTES if q not in seed_text)
    assert missing == []
