"""The PDF report's content: rendered for a level-3 and a level-1 assessment, read back with
pypdf. Also the HTML the template produces (ruled answer lines, escaping, language)."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.html import escape
from pypdf import PdfReader

from assessments.reports.pdf import render_report_html, render_report_pdf
from tests.factories import make_assessment, make_company, make_user

pytestmark = pytest.mark.django_db

LEVEL_3_INDICATORS = {
    "system_integration_pct": 85,
    "bi_core_coverage": True,
    "process_automation_pct": 65,
    "data_decision_pct": 75,
    "frontline_data_access": True,
    "predictive_maintenance_pct": 10,
    "productivity_multiple": 2.2,
    "customer_satisfaction_score": 82,
}
HOMEWORK = {
    "pain_point_1": "预测性维护尚未起步",
    "pain_point_2": "数据科学人才不足",
    "pain_point_3": "客户触达依赖人工外呼",
    "next_problem_1": "积累高质量的车联网数据",
    "next_problem_2": "找到能落地的AI场景",
    "next_problem_3": "组建数据科学团队",
    "benchmark_company": "特斯拉",
    "benchmark_level": 4,
    "benchmark_learnings": "车辆数据实时上云,先在一个服务中心试点。",
}


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines wherever the layout did."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(BytesIO(pdf))
    return reader, [page.extract_text() for page in reader.pages]


def font_names(reader: PdfReader) -> set[str]:
    """Every /BaseFont used on any page, including inside form XObjects (the charts)."""
    names: set[str] = set()

    def visit(resources, seen):
        if resources is None or id(resources) in seen:
            return
        seen.add(id(resources))
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            for descendant in font.get("/DescendantFonts") or []:
                names.add(str(descendant.get_object()["/BaseFont"]))
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"), seen)

    for page in reader.pages:
        visit(page.get("/Resources"), set())
    return names


@pytest.fixture
def manager():
    user = make_user()
    make_company(owner=user, name="宁波星河汽车服务")
    return user


def test_level_3_report(manager, content):
    assessment = make_assessment(
        manager.membership.company,
        manager,
        content,
        checklist=["L2.1", "L2.2", "L3.1", "L3.2", "L3.3", "L3.4"],
        indicators=LEVEL_3_INDICATORS,
        dimensions={"work_orders": 3, "data_quality": 2},
        goals={"target_level": 4, "target_year": 2040, **HOMEWORK},
    )
    assert assessment.diagnosis.level == 3
    pdf = render_report_pdf(assessment, language="zh-hans")
    assert pdf.startswith(b"%PDF-")
    reader, pages = pdf_text(pdf)
    text = "\n".join(pages)
    flat = squeeze(text)

    # cover: company, profile, level
    assert "宁波星河汽车服务" in pages[0]
    level3 = content.level(3)
    assert squeeze(f"Level 3 · {level3.name_zh}") in squeeze(pages[0])
    assert squeeze(level3.core_feature_zh) in squeeze(pages[0])
    assert "浙江省" in pages[0] and "二线" in pages[0]
    # running footer and header
    assert "第 1 页 / 共" in pages[0]
    assert f"第 {len(pages)} 页 / 共 {len(pages)} 页" in pages[-1]
    assert "宁波星河汽车服务" in pages[2] and "数字化成熟度诊断报告" in pages[2]
    # every homework prompt verbatim, the answers filled in
    for task in content.homework:
        assert squeeze(task.prompt_zh) in flat
    for answer in ("预测性维护尚未起步", "组建数据科学团队", "特斯拉", "车辆数据实时上云"):
        assert answer in flat
    # the five iron laws and the glossary
    for law in content.iron_laws:
        assert squeeze(law.title_zh) in flat
        assert squeeze(law.lead_zh) in flat
    for term in content.glossary:
        assert term.abbreviation in text
        assert squeeze(term.term_zh) in flat
        assert squeeze(term.term_en) in flat
    # evidence and roadmap
    assert "C3.1" in text and "85%" in text
    assert "从Level3到Level4的鸿沟" in flat
    assert squeeze(content.dimensions_by_code["investment"].cells_texts[3]["zh"]) in flat
    # all 25 checklist items
    for item in content.checklist:
        assert squeeze(item.text_zh) in flat

    # fonts: only subsets of Noto Sans CJK, no fallback font for any glyph
    fonts = font_names(reader)
    assert fonts
    for name in fonts:
        assert re.match(r"^/[A-Z]{6}\+", name), name
        assert "CJK" in name, name
        assert "DejaVu" not in name and "Liberation" not in name


def test_level_1_report_with_unanswered_homework(manager, content):
    assessment = make_assessment(
        manager.membership.company,
        manager,
        content,
        checklist=["L1.1", "L1.2", "L1.3", "L1.4"],
        indicators={"paper_work_order_pct": 85, "customer_data_digital_pct": 10},
        goals={"target_level": 3, "target_year": 2026},
    )
    assert assessment.diagnosis.level == 1
    pdf = render_report_pdf(assessment, language="zh-hans")
    reader, pages = pdf_text(pdf)
    text = "\n".join(pages)
    flat = squeeze(text)
    level1 = content.level(1)
    assert squeeze(level1.name_zh) in squeeze(pages[0])
    assert "第 1 页" in pages[0]
    for task in content.homework:
        assert squeeze(task.prompt_zh) in flat
    for law in content.iron_laws:
        assert squeeze(law.title_zh) in flat
    for term in content.glossary:
        assert term.abbreviation in text and squeeze(term.term_zh) in flat
    # Iron law 1 warning: two levels by the end of 2026 is too fast
    assert "不要越级打怪" in flat
    # the table of contents shows the pages the chapters really start on
    toc = pages[2]  # page 2 is the board summary (issue 14)
    assert "目录" in toc
    titles = [
        "执行摘要",
        "自测清单",
        "关键指标验证",
        "维度画像",
        "跃迁路线图",
        "下一段位对你值多少",
    ]
    titles += ["五大铁律"]
    titles += [squeeze(content.text("homework_title")).rstrip(":")]
    titles += [squeeze(content.text("closing_title")), "关键术语中英对照表"]
    expected = []
    for number, title in enumerate(titles, start=1):
        heading = f"{number}{title}"
        expected.append(
            next(
                index + 1
                for index, page in enumerate(pages)
                if squeeze(page).count(heading) >= (2 if index == 2 else 1) and index >= 2
            )
        )
    printed = [int(n) for n in re.findall(r"^(\d+)\s*$", toc, re.MULTILINE)]
    assert printed == expected
    for name in font_names(reader):
        assert "CJK" in name


def test_unanswered_homework_gives_ruled_lines(manager, content):
    company = manager.membership.company
    blank = make_assessment(company, manager, content, checklist=["L1.1", "L1.2", "L1.3"])
    html = render_report_html(blank)
    # 3 pain points + 3 problems + benchmark company + its level + 4 lines for the learnings
    assert html.count('class="ruled-line"') == 12
    assert 'class="ruled-lines"' in html

    answered = make_assessment(
        company, manager, content, checklist=["L1.1", "L1.2", "L1.3"], goals=HOMEWORK
    )
    html = render_report_html(answered)
    assert "ruled-line" not in html
    assert "数据科学人才不足" in html

    partly = make_assessment(
        company,
        manager,
        content,
        checklist=["L1.1", "L1.2", "L1.3"],
        goals={"pain_point_1": "只写了一条痛点"},
    )
    html = render_report_html(partly)
    assert "只写了一条痛点" in html
    assert html.count('class="ruled-line"') == 11


def test_report_html_escapes_user_text_and_has_no_external_reference(content):
    owner = make_user()
    company = make_company(owner=owner, name="星河<b>汽车</b>")
    assessment = make_assessment(
        company,
        owner,
        content,
        checklist=["L1.1", "L1.2", "L1.3"],
        goals={"pain_point_1": "<script>alert(1)</script>"},
    )
    html = render_report_html(assessment)
    assert "星河&lt;b&gt;汽车&lt;/b&gt;" in html
    assert "<b>汽车" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
    # no web fonts, no external URL, no <link>: only data: images (the charts)
    assert "@font-face" not in html and "<link" not in html
    assert not re.search(r"(src|href)=\"(https?|file|ftp):", html)
    # scale, bar and radar, and the business case's range bars
    assert len(re.findall(r'src="data:image/svg\+xml;base64,', html)) == 4
    assert "Noto Sans CJK SC" not in html  # the font is set by the stylesheet


def test_report_respects_the_active_language(manager, content):
    assessment = make_assessment(
        manager.membership.company, manager, content, checklist=["L1.1", "L1.2", "L1.3"]
    )
    with translation.override("en"):
        english = render_report_html(assessment)
    with translation.override("zh-hans"):
        chinese = render_report_html(assessment)
    assert '<html lang="en">' in english
    assert '<html lang="zh-Hans">' in chinese
    # model texts come through the language descriptors (English slot, or Chinese fallback)
    level1 = content.level(1)
    with translation.override("en"):
        assert escape(level1.name) in english
    assert escape(level1.name_zh) in chinese


def test_stylesheet_names_the_cjk_font_and_avoids_slow_features():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/report_pdf.css")).read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)  # rules only, not comments
    families = re.findall(r"font-family:\s*([^;]+);", css)
    assert families
    # Chinese is named explicitly (a generic fallback picks Japanese glyph forms); the English
    # edition puts a Latin face first and keeps the CJK font for Chinese a company typed.
    for family in families:
        names = [name.strip() for name in family.split(",")]
        assert '"Noto Sans CJK SC"' in names
        assert names[0] in ('"Noto Sans CJK SC"', '"Liberation Sans"')
    assert "dotted" not in css
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert "counter(pages)" in css and "target-counter" in css and "string-set" in css
