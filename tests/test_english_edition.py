"""The English edition: every UI string and every model text has its English rendering, every
page reached in English shows no Chinese (outside user data and the switch's own label), the
language is negotiated, switched and remembered per browser and per user, and the scoring API
explains in the request's language."""

import itertools
import re
import shutil
import subprocess
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, PathConverter, UUIDConverter
from django.urls.resolvers import RoutePattern
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from maturity.loader import DATA_DIR, ModelDataError, read_model_file
from tests.factories import PASSWORD, make_assessment, make_company, make_user

BASE_DIR = Path(settings.BASE_DIR)
PO_FILE = BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LANGUAGE_SWITCH_LABEL = "简体中文"
ENGLISH_LEVEL_NAMES = [
    "Paper & Excel",
    "Basic digitisation",
    "Data-driven",
    "Intelligent",
    "Ecosystem",
]

pytestmark = pytest.mark.django_db


# ============================================================================================
# The catalogue: a minimal .po reader (no polib)
# ============================================================================================


def _po_string(line: str) -> str:
    """The text of one quoted .po string, with its C escapes undone."""
    body = line.strip()
    assert body.startswith('"') and body.endswith('"'), line
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda match: escapes.get(match[1], match[0]), body[1:-1])


def read_po(path: Path) -> list[dict]:
    """Entries as {"msgid", "msgid_plural", "msgstr": [..], "flags", "references", "obsolete"}."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and (entry["msgid"] or entry["msgstr"]):
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {
                "msgid": "",
                "msgid_plural": None,
                "msgstr": [],
                "flags": set(),
                "references": [],
                "obsolete": False,
            }
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#:"):
            entry["references"] += line[2:].split()
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            field, entry["msgid_plural"] = "msgid_plural", _po_string(line[13:])
        elif line.startswith("msgid "):
            field, entry["msgid"] = "msgid", _po_string(line[6:])
        elif line.startswith("msgstr"):
            field = "msgstr"
            entry["msgstr"].append(_po_string(line.split(" ", 1)[1]))
        elif line.startswith('"'):
            if field == "msgstr":
                entry["msgstr"][-1] += _po_string(line)
            else:
                entry[field] += _po_string(line)
    finish()
    return entries


def test_the_po_reader_understands_the_format(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgid "第 %(n)s 步"\nmsgstr "Step %(n)s"\n\n'
        'msgid ""\n"两行"\n"文字"\nmsgstr ""\n"Two "\n"\\"lines\\"\\n"\n\n'
        '#, fuzzy\nmsgid "模糊"\nmsgstr "Fuzzy"\n\n'
        'msgid "空"\nmsgstr ""\n',
        encoding="utf-8",
    )
    entries = read_po(po)
    assert [e["msgid"] for e in entries] == ["", "第 %(n)s 步", "两行文字", "模糊", "空"]
    assert entries[1]["msgstr"] == ["Step %(n)s"]
    assert "python-format" in entries[1]["flags"] and entries[1]["references"] == ["a.py:1"]
    assert entries[2]["msgstr"] == ['Two "lines"\n']
    assert "fuzzy" in entries[3]["flags"]
    assert entries[4]["msgstr"] == [""]


def untranslated(entries) -> list[str]:
    problems = []
    for entry in entries:
        if not entry["msgid"] or entry["obsolete"]:
            continue
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {entry['msgid']!r}")
        elif not entry["msgstr"] or not all(text.strip() for text in entry["msgstr"]):
            problems.append(f"no English: {entry['msgid']!r} ({' '.join(entry['references'])})")
        elif any(CJK.search(text) for text in entry["msgstr"]):
            problems.append(f"Chinese left in the English: {entry['msgid']!r}")
    return problems


def test_the_english_catalogue_translates_every_entry():
    entries = read_po(PO_FILE)
    header = next(e for e in entries if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: en" in header["msgstr"][0]
    assert len(entries) > 300
    problems = untranslated(entries)
    assert not problems, "\n".join(problems)


def test_every_string_in_the_source_is_in_the_english_catalogue(tmp_path, monkeypatch):
    """makemessages over a copy of the code as it is now (templates and Python, without the
    catalogues): no msgid is missing from the committed catalogue, and xgettext reports no
    problem. (A copy, because makemessages writes into the locale folder beside the code.)"""
    source = tmp_path / "source"
    shutil.copytree(
        BASE_DIR,
        source,
        ignore=shutil.ignore_patterns(
            ".*", "locale", "tests", "staticfiles", "node_modules", "__pycache__", "*.sqlite3*"
        ),
    )
    monkeypatch.chdir(source)
    stdout, stderr = StringIO(), StringIO()
    with override_settings(LOCALE_PATHS=[source / "locale"]):
        call_command("makemessages", locale=["en"], no_obsolete=True, stdout=stdout, stderr=stderr)
    assert not stderr.getvalue().strip(), stderr.getvalue()
    fresh = {e["msgid"] for e in read_po(source / "locale" / "en" / "LC_MESSAGES" / "django.po")}
    committed = {e["msgid"] for e in read_po(PO_FILE) if not e["obsolete"]}
    missing = sorted(fresh - committed - {""})
    assert not missing, (
        "strings without an English rendering; run `manage.py makemessages -l en "
        "--ignore=.venv --ignore=tests --no-obsolete` and translate:\n" + "\n".join(missing)
    )


def test_the_catalogue_compiles_with_matching_placeholders():
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed (the Makefile installs it)"
    result = subprocess.run(  # --check: python-format placeholders, header
        [msgfmt, "--check", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_gettext_returns_english(settings):
    from django.utils import translation

    with translation.override("en"):
        assert (
            translation.gettext("售后数字化成熟度诊断") == "After-sales Digital Maturity Diagnosis"
        )
        assert translation.gettext("五大铁律") == "Iron laws"


# ============================================================================================
# The model texts
# ============================================================================================


def bilingual_fields(model) -> list[str]:
    names = {field.name for field in model._meta.fields}
    return sorted(
        name[:-3] for name in names if name.endswith("_zh") and f"{name[:-3]}_en" in names
    )


def list_fields(model) -> list[str]:
    return [
        field.name
        for field in model._meta.fields
        if isinstance(field, models.JSONField) and field.name.endswith("_texts")
    ]


def model_text_problems(version) -> list[str]:
    """Every non-empty Chinese text of the version's rows without its English (or too long)."""
    problems = []

    def check(where, zh, en, max_length=None):
        if (zh or "").strip() and not (en or "").strip():
            problems.append(f"{where}: no English for {zh[:40]!r}")
        elif not (zh or "").strip() and (en or "").strip():
            problems.append(f"{where}: English {en[:40]!r} where the Chinese is empty")
        elif en and CJK.search(en):
            problems.append(f"{where}: Chinese in the English {en[:40]!r}")
        if max_length and en and len(en) > max_length:
            problems.append(f"{where}: English longer than {max_length}: {en[:40]!r}")

    for key, texts in version.texts.items():
        check(f"ModelVersion.texts[{key}]", texts.get("zh"), texts.get("en"))
    for model in django_apps.get_app_config("maturity").get_models():
        if not any(field.name == "version" for field in model._meta.fields):
            continue
        singles, lists = bilingual_fields(model), list_fields(model)
        for row in model.objects.filter(version=version):
            for name in singles:
                field = model._meta.get_field(f"{name}_en")
                where = f"{model.__name__} {row.pk}.{name}"
                check(
                    where, getattr(row, f"{name}_zh"), getattr(row, f"{name}_en"), field.max_length
                )
            for name in lists:
                for index, item in enumerate(getattr(row, name)):
                    check(f"{model.__name__} {row.pk}.{name}[{index}]", item["zh"], item["en"])
            if model.__name__ == "GlossaryTerm":
                check(f"GlossaryTerm {row.abbreviation}", row.term_zh, row.term_en)
    return problems


def test_every_model_text_of_the_current_version_has_its_english(content):
    problems = model_text_problems(content.version)
    assert not problems, "\n".join(problems)


def test_the_walk_over_model_texts_sees_every_bilingual_field(content):
    from maturity.models import Dimension, Level

    assert "case_body" in bilingual_fields(Level) and "name" in bilingual_fields(Dimension)
    assert set(list_fields(Level)) == {
        "typical_features_texts",
        "case_figures_texts",
        "barriers_texts",
    }
    assert list_fields(Dimension) == ["cells_texts"]


@pytest.mark.parametrize("data_file", ["model_v1.yaml", "model_v2.yaml"])
def test_the_data_file_has_english_exactly_where_it_has_chinese(data_file):
    data = yaml.safe_load((DATA_DIR / data_file).read_text(encoding="utf-8"))
    problems, slots = [], 0

    def walk(value, where):
        nonlocal slots
        if isinstance(value, dict):
            if set(value) == {"zh", "en"}:
                slots += 1
                if bool(value["zh"].strip()) != bool(value["en"].strip()):
                    problems.append(f"{where}: zh {value['zh'][:30]!r} en {value['en'][:30]!r}")
                elif CJK.search(value["en"]):
                    problems.append(f"{where}: Chinese in the English {value['en'][:40]!r}")
                return
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")

    walk(data, "")
    assert slots > 300
    assert not problems, "\n".join(problems)


def test_english_level_names_and_the_comparison_table_cells(content):
    assert [level.name_en for level in content.levels] == ENGLISH_LEVEL_NAMES
    assert [level.stage_en for level in content.levels] == [
        "Primitive stage",
        "DMS stage",
        "BI + automation stage",
        "AI + prediction stage",
        "Platform + open API stage",
    ]
    cells = [item for d in content.dimensions for item in d.cells_texts]
    assert len(cells) == 65
    assert [c for c in cells if not c["en"]] == [{"zh": "", "en": ""}]  # Level 1's tech stack
    assert len(content.checklist) == 25 and all(item.text_en for item in content.checklist)
    assert len(content.criteria) == 24 and all(item.text_en for item in content.criteria)
    assert len(content.metrics) == 24  # model v2
    assert all(m.name_en and m.help_en for m in content.metrics)
    assert all(m.unit_en for m in content.metrics if m.type != "choice")  # a choice has no unit


def test_the_english_uses_the_glossary_abbreviations(content):
    """Where the Chinese spells out a glossary term with its abbreviation, so does the English."""
    english = {
        term.abbreviation: f"{term.abbreviation} ({term.term_en})" for term in content.glossary
    }
    levels = {level.number: level for level in content.levels}
    assert english["DMS"] in levels[1].case_body_en
    assert english["CRM"] in levels[2].case_body_en
    assert english["BI"] in levels[3].typical_features_texts[1]["en"]
    assert english["KPI"] in levels[3].typical_features_texts[4]["en"]
    assert english["FTFR"] in levels[3].case_body_en
    assert english["NPS"] in levels[3].case_body_en
    assert english["OTA"] in levels[4].case_body_en
    assert english["API"] in levels[5].typical_features_texts[1]["en"]
    assert "BaaS model (Battery as a Service)" in levels[5].case_body_en
    assert english["ROI"] in content.version.texts["story"]["en"]
    assert english["MVP"] in content.iron_laws[4].body_en


# ============================================================================================
# The data migration that fills in the English of databases that loaded v1 without it
# ============================================================================================


def _migration_module():
    import importlib

    return importlib.import_module("maturity.migrations.0003_english_v1")


def test_the_migration_fills_in_the_english_of_an_already_loaded_version(content):
    from maturity.models import (
        ChecklistItem,
        Dimension,
        GlossaryTerm,
        Homework,
        IronLaw,
        Level,
        ModelVersion,
    )
    from maturity.selectors import clear_model_cache, model_content

    # The migration under test fills version 1 (a database that loaded it before the English
    # edition); make it the current one for this test.
    ModelVersion.objects.update(is_current=False)
    version = ModelVersion.objects.get(version="1")
    version.is_current = True
    version.save()
    checksum = version.checksum
    # A database migrated before the English edition: every English slot empty.
    version.texts = {key: {**texts, "en": ""} for key, texts in version.texts.items()}
    version.save()
    for level in Level.objects.filter(version=version):
        for name in bilingual_fields(Level):
            setattr(level, f"{name}_en", "")
        for name in list_fields(Level):
            setattr(level, name, [{**item, "en": ""} for item in getattr(level, name)])
        level.save()
    ChecklistItem.objects.update(text_en="")
    Dimension.objects.update(name_en="")
    for dimension in Dimension.objects.all():
        dimension.cells_texts = [{**cell, "en": ""} for cell in dimension.cells_texts]
        dimension.save()
    IronLaw.objects.update(title_en="", lead_en="", body_en="")
    Homework.objects.update(title_en="", prompt_en="")
    GlossaryTerm.objects.update(definition_en="")
    clear_model_cache()
    assert model_text_problems(ModelVersion.objects.get(pk=version.pk))

    _migration_module().fill_english_v1(django_apps, None)

    clear_model_cache()
    refreshed = model_content()
    assert refreshed.version.checksum == checksum
    assert model_text_problems(refreshed.version) == []
    assert refreshed.level(2).name_en == "Basic digitisation"
    assert refreshed.level(1).name_zh == "纸质化/Excel管理"
    assert refreshed.dimensions_by_code["tech_stack"].cells_texts[0] == {"zh": "", "en": ""}


def test_the_migration_refuses_a_database_whose_chinese_differs(content):
    from maturity.models import ChecklistItem

    ChecklistItem.objects.filter(code="L1.1").update(text_zh="不同的文字")
    with pytest.raises(ModelDataError, match="L1.1"):
        _migration_module().fill_english_v1(django_apps, None)


def test_the_english_does_not_change_the_version(content):
    from maturity.loader import content_checksum
    from maturity.models import ModelVersion

    assert read_model_file("model_v2.yaml")["version"] == "2"
    assert content_checksum(read_model_file("model_v2.yaml")) == content.version.checksum
    v1 = ModelVersion.objects.get(version="1")
    assert content_checksum(read_model_file("model_v1.yaml")) == v1.checksum


# ============================================================================================
# Checking a page for Chinese
# ============================================================================================


class _TextCollector(HTMLParser):
    """Text, attribute values, comments, scripts and styles of a page; what sits inside an
    element marked lang="zh…" is kept apart (the switch's label, the glossary's Chinese)."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.outside: list[str] = []
        self.inside_chinese: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def _in_chinese(self) -> bool:
        return any(chinese for _tag, chinese in self._stack)

    def handle_starttag(self, tag, attrs):
        chinese = any(
            name == "lang" and (value or "").lower().startswith("zh") for name, value in attrs
        )
        target = self.inside_chinese if (chinese or self._in_chinese()) else self.outside
        target.extend(value for name, value in attrs if value and name != "lang")
        if tag not in self.VOID:
            self._stack.append((tag, chinese))

    def handle_startendtag(self, tag, attrs):
        target = self.inside_chinese if self._in_chinese() else self.outside
        target.extend(value for name, value in attrs if value)

    def handle_endtag(self, tag):
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data):
        (self.inside_chinese if self._in_chinese() else self.outside).append(data)

    def handle_comment(self, data):
        self.outside.append(data)


def allowed_chinese(content) -> set[str]:
    """Chinese an English page may show, each inside an element marked lang="zh-Hans": the
    language switch's own label and the glossary's Chinese terms (a Chinese-English glossary)."""
    return {LANGUAGE_SWITCH_LABEL} | {term.term_zh for term in content.glossary}


def chinese_on_page(html: str, allowed: set[str]) -> list[str]:
    """The Chinese an English page shows outside the allowed elements, in context."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    found = []
    for text in collector.outside:
        for match in CJK.finditer(text):
            found.append(text[max(0, match.start() - 30) : match.end() + 30].strip())
            break
    for text in collector.inside_chinese:
        if CJK.search(text) and text.strip() not in allowed:
            found.append(f"lang=zh element: {text.strip()[:60]}")
    return found


def test_the_page_check_finds_chinese_and_allows_only_the_marked_exceptions():
    allowed = {"简体中文", "投资回报率"}
    page = (
        '<html lang="en"><head><title>Title</title></head><body>'
        '<button lang="zh-hans">简体中文</button>'
        '<table><tr><td lang="zh-Hans">投资回报率</td><td>ROI</td></tr></table>'
        "<p>All English</p><br><img alt='x'></body></html>"
    )
    assert chinese_on_page(page, allowed) == []
    assert chinese_on_page(page.replace("All English", "一半English"), allowed)
    assert chinese_on_page(page.replace("All English", "Full stop。"), allowed)
    assert chinese_on_page(page.replace("alt='x'", "alt='图'"), allowed)
    assert chinese_on_page(page.replace("投资回报率", "别的文字"), allowed)
    assert chinese_on_page(page.replace("Title", "标题"), allowed)


# ============================================================================================
# Every page in English
# ============================================================================================

ASCII_COMPANY = {
    "name": "Acme Motors Service",
    "contact_name": "Wang Lei",
    "type": "regional_chain",
    "province": "guangdong",
    "city_tier": "new_tier1",
}

LEVEL_3_INDICATORS = {
    "paper_work_order_pct": 5,
    "customer_data_digital_pct": 90,
    "has_unified_system": True,
    "core_system_deployed": True,
    "e_work_order_pct": 95,
    "system_integration_pct": 85,
    "bi_core_coverage": True,
    "process_automation_pct": 65,
    "data_decision_pct": 75,
    "frontline_data_access": True,
    "predictive_maintenance_pct": 10,
    "productivity_multiple": 2.2,
    "customer_satisfaction_score": 82,
    "api_partner_count": 3,
}

ASCII_GOALS = {
    "target_level": 5,
    "target_year": 2027,
    "pain_point_1": "Parts shortages",
    "next_problem_1": "Connect DMS and CRM",
    "benchmark_company": "Li Auto",
    "benchmark_level": 3,
    "benchmark_learnings": "Start with one service centre.",
}


def english_client(**extra) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en", **extra)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def world(content):
    manager = make_user("manager@example.com")
    company = make_company(owner=manager, **ASCII_COMPANY)
    submitted = make_assessment(
        company,
        manager,
        content,
        checklist=["L2.1", "L2.2", "L2.3", "L2.4", "L3.1", "L3.2", "L3.3", "L1.1"],
        indicators=LEVEL_3_INDICATORS,
        dimensions={"work_orders": 3, "data_quality": 2, "customer_reach": 2},
        goals=ASCII_GOALS,
    )
    draft = make_assessment(company, manager, content, submit=False, goals=ASCII_GOALS)
    newcomer = make_user("newcomer@example.com")  # signed in, no company yet
    consultant = _consultant(company, manager, submitted)
    plan = _plan(submitted, manager)
    actors = {
        "anonymous": None,
        "manager": manager,
        "newcomer": newcomer,
        "consultant": consultant,
    }
    return {
        "manager": manager,
        "company": company,
        "submitted": submitted,
        "draft": draft,
        "actors": actors,
        "plan": plan,
    }


def _plan(submitted, manager):
    """An action plan with an overdue action, an added library action and a free one, so the
    plan page, the result's top 3 and the dashboard's overdue list are walked (issue 14)."""
    import datetime

    from assessments import plan_services
    from assessments.action_plans import proposal_for_report
    from assessments.reports.report import build_report

    plan = plan_services.create_plan(
        assessment=submitted, user=manager, proposal=proposal_for_report(build_report(submitted))
    )
    first = plan.actions.order_by("position").first()
    plan_services.update_action(
        first, owner_name="Jane Doe", due_date=datetime.date(2020, 1, 31), status="in_progress"
    )
    plan_services.add_free_action(plan, title="Align the data interfaces with the OEM")
    return plan


def _consultant(company, manager, submitted):
    """A consultant with access to the company, an invitation each way, a signed review and an
    open team assessment, so their pages are walked too. Any step failing fails the test."""
    from assessments.consultants import services as consultant_services
    from assessments.rounds import services as round_services

    consultant = consultant_services.register_consultant(
        email="consultant@example.com",
        password=PASSWORD,
        display_name="Jane Smith",
        firm_name="Smith Advisory",
    )
    consultant_services.grant_access(company=company, consultant=consultant, granted_by=manager)
    consultant_services.create_company_invitation(consultant=consultant, note="For Acme")
    consultant_services.invite_consultant(
        company=company,
        email="new-consultant@example.com",
        invited_by=manager,
        site_url="http://testserver",
    )
    consultant_services.save_review(
        assessment=submitted,
        reviewer=consultant,
        section_comments={},
        overall_opinion="Solid basics; connect the systems next.",
        confirmed_level=submitted.diagnosis.level,
        justification="",
        sign=True,
        signer_name="Jane Smith",
    )
    round_services.open_round(
        company=company, opened_by=manager, respondents=[(manager, "Director")]
    )
    return consultant


def url_routes(resolver: URLResolver | None = None, prefix: str = "", converters=None):
    """(route, {name: converter}) of every endpoint; regex patterns with groups are left out."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern.pattern, RoutePattern):
            piece, found = (
                str(pattern.pattern),
                {**(converters or {}), **pattern.pattern.converters},
            )
        elif pattern.pattern.regex.groups:
            continue
        else:
            piece, found = str(pattern.pattern).lstrip("^").rstrip("$"), dict(converters or {})
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern, prefix + piece, found)
        elif isinstance(pattern, URLPattern):
            yield prefix + piece, found


def _id_values(world) -> dict:
    """Values for URL parameters: every UUID primary key and every code/token in the
    assessments app's tables (so new models are covered), plus a password-reset link; the
    values a parameter's name suggests come first."""
    uuids, strings = [], []
    for model in django_apps.get_app_config("assessments").get_models():
        if isinstance(model._meta.pk, models.UUIDField):
            uuids += list(model.objects.values_list("pk", flat=True)[:20])
        for field in model._meta.fields:
            if field.name in ("join_code", "token", "code", "slug") and isinstance(
                field, models.CharField
            ):
                strings += [v for v in model.objects.values_list(field.name, flat=True)[:20] if v]
    reset = {
        "uidb64": urlsafe_base64_encode(force_bytes(world["manager"].pk)),
        "token": default_token_generator.make_token(world["manager"]),
    }
    preferred = {
        "company": [world["company"].pk],
        "assessment": [world["submitted"].pk, world["draft"].pk],
        "join_code": [world["company"].join_code],
        **{name: [value] for name, value in reset.items()},
    }
    return {"uuids": uuids, "strings": strings + list(reset.values()), "preferred": preferred}


def _candidates(name: str, converter, values) -> list:
    if isinstance(converter, IntConverter):
        return [1, 2, 3, 4, 5]
    if isinstance(converter, PathConverter):
        return []
    pool = values["uuids"] if isinstance(converter, UUIDConverter) else values["strings"]
    first = next((ids for key, ids in values["preferred"].items() if key in name), [])
    return first + [value for value in pool if value not in first]


def walk_pages(world, content):
    """GET every URL pattern (ids from the database) as each actor, in English; returns
    ({page: Chinese found}, {paths checked}, [routes no actor could open])."""
    allowed = allowed_chinese(content)
    login_path = reverse("login")
    clients = {}
    for actor, user in world["actors"].items():
        clients[actor] = english_client()
        if user is not None:
            clients[actor].force_login(user)
    values = _id_values(world)  # after the logins: a reset token depends on the last login
    problems, checked, unreached = {}, set(), []
    for route, converters in url_routes():
        ids = {n: c for n, c in converters.items() if not isinstance(c, IntConverter)}
        numbers = [n for n, c in converters.items() if isinstance(c, IntConverter)]
        reached = False
        for actor, client in clients.items():
            tries = 0
            for id_values in itertools.product(
                *[_candidates(n, c, values) for n, c in ids.items()]
            ):
                opened = sent_to_login = False
                for number_values in itertools.product(*[range(1, 6)] * len(numbers)):
                    kwargs = dict(zip(ids, id_values, strict=True))
                    kwargs.update(zip(numbers, number_values, strict=True))
                    path = _reverse(route, kwargs)
                    tries += 1
                    status, final, found = _check_page(client, path, allowed)
                    if status != 200:
                        continue
                    checked.add(final)
                    if found:
                        problems.setdefault(f"{final} (as {actor})", found)
                    if final == login_path and path != login_path:
                        sent_to_login = True
                    else:
                        reached = True
                        # Opened itself (not a redirect elsewhere): no need for other ids.
                        opened = opened or final == path
                if opened or sent_to_login or tries > 40:
                    break
        if not reached:
            unreached.append(route)
    return problems, checked, unreached


def _reverse(route: str, kwargs: dict) -> str:
    path = route
    for name, value in kwargs.items():
        path = re.sub(r"<(?:\w+:)?" + re.escape(name) + ">", str(value), path)
    assert "<" not in path, path
    return "/" + path


def _check_page(client, path, allowed):
    response = client.get(path, follow=True)
    final = response.request["PATH_INFO"]
    if response.status_code != 200:
        return response.status_code, final, []
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(("text/html", "text/plain", "text/csv")):
        return 200, final, []
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    if content_type.startswith("text/html"):
        return 200, final, chinese_on_page(text, allowed)
    return 200, final, [m.group() for m in CJK.finditer(text)][:5]


def test_every_page_in_english_shows_no_chinese(world, content):
    problems, checked, unreached = walk_pages(world, content)
    company, submitted, draft = world["company"], world["submitted"], world["draft"]
    expected = {
        "/",
        "/model/",
        *[f"/model/levels/{n}/" for n in range(1, 6)],
        "/model/laws/",
        "/model/glossary/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/done/",
        "/accounts/password_change/",
        "/accounts/password_change/done/",
        "/companies/new/",
        f"/companies/{company.pk}/",
        f"/companies/{company.pk}/edit/",
        f"/companies/join/{company.join_code}/",
        *[f"/assessments/{draft.pk}/step/{n}/" for n in range(1, 5)],
        f"/assessments/{submitted.pk}/result/",
        "/consultant/",  # only the consultant reaches it: their walk really happened
        f"/plans/{world['plan'].pk}/",
    }
    assert expected <= checked, sorted(expected - checked)
    assert any(path.endswith("/set-password/") for path in checked), "password reset confirm"
    assert not problems, "Chinese on English pages:\n" + "\n".join(
        f"{path}: {found[:6]}" for path, found in sorted(problems.items())
    )
    print(f"{len(checked)} English pages checked: {sorted(checked)}")
    print(f"routes no actor could open by GET: {[r for r in unreached if 'admin/' not in r]}")


def test_pages_outside_the_url_walk_in_english(world, content):
    allowed = allowed_chinese(content)
    client = english_client()
    client.force_login(world["manager"])
    # the page after signing out (POST only)
    response = client.post(reverse("logout"), follow=True)
    assert response.status_code == 200
    assert chinese_on_page(response.content.decode(), allowed) == []
    # an unknown page
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert chinese_on_page(response.content.decode(), allowed) == []
    # the password reset email (invitation mails of the world, now sent at once, aside)
    mail.outbox.clear()
    client.post(reverse("password_reset"), {"email": "manager@example.com"})
    assert len(mail.outbox) == 1
    assert not CJK.search(mail.outbox[0].subject + mail.outbox[0].body), mail.outbox[0].body


def test_step_pages_with_errors_and_messages_in_english(world, content):
    allowed = allowed_chinese(content)
    client = english_client()
    client.force_login(world["manager"])
    draft = world["draft"]
    # an invalid value and a missing answer: error messages and the warning message
    response = client.post(
        f"/assessments/{draft.pk}/step/2/",
        {"revision": draft.revision, "action": "next", "paper_work_order_pct": "250"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "is-invalid" in html
    assert chinese_on_page(html, allowed) == []
    response = client.post(
        f"/assessments/{draft.pk}/step/4/",
        {"revision": draft.revision, "action": "submit", "target_level": "", "target_year": ""},
        follow=True,
    )
    assert chinese_on_page(response.content.decode(), allowed) == []


@pytest.mark.parametrize(
    "checklist, indicators, goals",
    [
        ([], {}, {}),  # nothing ticked: no level
        (
            ["L1.1", "L1.2", "L1.3", "L1.4"],
            {"paper_work_order_pct": 85},
            {"target_level": 4, "target_year": 2027},
        ),
        (
            ["L1.1", "L1.2", "L4.1", "L4.2"],
            {},
            {"target_level": 1, "target_year": 2030},
        ),  # undetermined
        (["L1.1", "L1.2", "L1.3", "L4.1", "L4.2", "L4.3"], LEVEL_3_INDICATORS, {}),  # inconsistent
        (["L5.1", "L5.2", "L5.3", "L5.4", "L5.5"], {"api_partner_count": 60}, {}),  # top level
    ],
    ids=["none", "level-1-target-too-fast", "undetermined", "inconsistent", "level-5"],
)
def test_result_pages_of_every_kind_in_english(content, checklist, indicators, goals):
    manager = make_user()
    company = make_company(owner=manager, **ASCII_COMPANY)
    assessment = make_assessment(
        company,
        manager,
        content,
        checklist=checklist,
        indicators=indicators,
        dimensions={"data_quality": 1, "work_orders": 4},
        goals={**ASCII_GOALS, **goals},
    )
    client = english_client()
    client.force_login(manager)
    response = client.get(f"/assessments/{assessment.pk}/result/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert chinese_on_page(html, allowed_chinese(content)) == []


def test_english_model_pages_show_the_english_model(client, content):
    html = english_client().get("/model/").content.decode()
    for name in ENGLISH_LEVEL_NAMES:
        assert name.replace("&", "&amp;") in html
    assert 'Level 1</span> <span class="col-name">Paper-based</span>' in html
    level = english_client().get("/model/levels/3/").content.decode()
    assert "Benchmark case: Li Auto&#x27;s after-sales data platform" in level
    glossary = english_client().get("/model/glossary/").content.decode()
    assert 'lang="zh-Hans">投资回报率</td>' in glossary


# ============================================================================================
# Negotiating, switching and remembering the language
# ============================================================================================


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode())[1]


def test_a_first_visit_follows_accept_language(content):
    assert html_lang(Client().get("/")) == "zh-Hans"  # no header: the default, Chinese
    assert html_lang(Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").get("/")) == "en"
    assert html_lang(Client(HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.8").get("/")) == "zh-Hans"
    assert html_lang(Client(HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").get("/")) == "zh-Hans"
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/")
    assert "Which level is your business at?" in english.content.decode()
    assert "Accept-Language" in english["Vary"]


def test_the_switch_is_on_every_page_and_keeps_the_form_contract(content):
    html = english_client().get("/model/laws/").content.decode()
    assert (
        f'action="{reverse("set_language")}"' in html
        and reverse("set_language") == "/i18n/setlang/"
    )
    assert 'name="next" value="/model/laws/"' in html
    assert 'name="language" value="zh-hans" lang="zh-hans"' in html
    assert 'name="language" value="en" lang="en" aria-pressed="true"' in html


def test_a_visitor_switch_is_remembered_by_the_browser(content):
    from assessments.models import UserPreference

    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/model/"})
    assert response.status_code == 302 and response["Location"] == "/model/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert int(cookie["max-age"]) >= 30 * 24 * 3600  # kept after the browser closes
    assert html_lang(client.get("/model/")) == "en"
    assert not UserPreference.objects.exists()


def test_a_signed_in_switch_is_applied_at_the_next_sign_in_on_another_browser(content):
    from assessments.models import UserPreference

    user = make_user("traveller@example.com")
    first = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
    first.force_login(user)
    first.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert UserPreference.objects.get(user=user).language == "en"

    other = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")  # another browser, no language cookie
    assert html_lang(other.get("/accounts/login/")) == "zh-Hans"
    response = other.post(
        "/accounts/login/", {"username": "traveller@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert html_lang(other.get("/")) == "en"

    # switching back in this browser is stored too
    other.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert UserPreference.objects.get(user=user).language == "zh-hans"
    assert html_lang(other.get("/")) == "zh-Hans"


def test_a_session_opened_elsewhere_gets_the_preference_on_its_first_page(content):
    from assessments.language import remember_language

    user = make_user()
    remember_language(user, "en")
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
    client.force_login(user)
    response = client.get("/model/")
    assert html_lang(response) == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_this_browsers_own_choice_wins_over_the_stored_preference(content):
    from assessments.language import remember_language

    user = make_user()
    remember_language(user, "en")
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    client.force_login(user)
    assert html_lang(client.get("/")) == "zh-Hans"


def test_the_preference_is_looked_up_once_per_session(content):
    user = make_user()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    from django.db import connection

    client.get("/model/glossary/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/model/glossary/")
    assert not [q for q in queries.captured_queries if "userpreference" in q["sql"].lower()]


def test_unsupported_languages_are_not_stored(content):
    from assessments.models import UserPreference

    user = make_user()
    client = Client()
    client.force_login(user)
    for code in ("fr", "xx", ""):
        client.post("/i18n/setlang/", {"language": code, "next": "/"})
    assert not UserPreference.objects.exists()
    client.post("/i18n/setlang/", {"language": "en-us", "next": "/"})
    assert UserPreference.objects.get(user=user).language == "en"


def test_the_stored_preference_does_not_follow_a_user_who_has_none(content):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_user())
    response = client.get("/")
    assert html_lang(response) == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


# ============================================================================================
# The scoring API explains in the request's language
# ============================================================================================


def test_the_scoring_api_explains_in_english_with_english_level_names(client, content):
    body = {
        "checklist": ["L2.1", "L2.2", "L2.3", "L3.1", "L3.2", "L3.3", "L1.2", "L1.3", "L1.5"],
        "indicators": {"system_integration_pct": 85, "bi_core_coverage": True},
    }
    response = client.post(
        "/api/v1/score", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    explanation = response.json()["explanation"]
    assert explanation
    for sentence in explanation:
        assert not CJK.search(sentence), sentence
    text = " ".join(explanation)
    assert "Level 3 (Data-driven)" in text
    assert "Level 1 (Paper & Excel)" in text  # its symptoms are still present
    assert "Towards Level" in text  # the way up from the headline

    chinese = client.post("/api/v1/score", body, content_type="application/json").json()
    assert "Level 3(数据驱动)" in " ".join(chinese["explanation"])


def test_the_scoring_api_errors_in_english(client, content):
    response = client.post(
        "/api/v1/score",
        {"checklist": ["L9.9"]},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    messages = [m for errors in response.json()["errors"].values() for m in errors]
    assert messages and not any(CJK.search(m) for m in messages), messages


def test_the_model_api_in_english(client, content):
    document = client.get("/api/v1/model", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [level["name"] for level in document["levels"]] == ENGLISH_LEVEL_NAMES
    assert document["comparison_table"]["columns"][0] == "Level 1 Paper-based"
    texts = [document["document"], document["checklist"], document["criteria"], document["metrics"]]
    assert not CJK.search(str(texts))


def test_the_model_api_etag_changes_with_the_english_texts(client, content):
    from maturity.models import Level
    from maturity.selectors import clear_model_cache

    english = client.get("/api/v1/model", HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    chinese = client.get("/api/v1/model")["ETag"]
    Level.objects.filter(number=1).update(name_en="Paper and Excel")
    clear_model_cache()
    assert client.get("/api/v1/model", HTTP_ACCEPT_LANGUAGE="en")["ETag"] != english
    assert client.get("/api/v1/model")["ETag"] == chinese
    stale = client.get("/api/v1/model", HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=english)
    assert stale.status_code == 200
