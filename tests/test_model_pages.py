"""The public model pages: every page renders the model's real content, escaped."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.html import escape

from maturity.richtext import plain_lines
from maturity.selectors import level_header
from maturity.views import insight_repeats_case

pytestmark = pytest.mark.django_db

LEVEL_NAMES = ["纸质化/Excel管理", "基础信息化", "数据驱动", "智能化", "生态化"]
SHARE_LABELS = ["~35%", "~48%", "~12%", "~3%", "<1%"]
DIMENSION_NAMES = [
    "核心特征",
    "工单管理",
    "客户触达",
    "决策方式",
    "服务模式",
    "技术栈",
    "数据质量",
    "人效水平",
    "客户满意度",
    "投资规模",
    "回报周期",
    "中国占比",
    "代表企业",
]
ABBREVIATIONS = ["ROI", "DMS", "CRM", "BI", "KPI", "FTFR", "NPS", "OTA", "API", "BaaS", "MVP"]
EMPTY_CELL_NOTE = "原表此格为空"


def get_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode("utf-8")


def page_text(page: str) -> str:
    """The page's text: tags removed, entities decoded (so inline markup does not split it)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def assert_escaped_in(text: str, page: str) -> None:
    """The text appears in the HTML exactly as Django's autoescape writes it."""
    assert escape(text) in page, text


class TableParser(HTMLParser):
    """Rows of cell texts of the first <table> whose class contains `css_class`."""

    def __init__(self, css_class: str):
        super().__init__()
        self.css_class = css_class
        self.depth = 0  # >0 while inside the wanted table
        self.done = False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.cell_attrs: list[dict] = []
        self.row_attrs: list[list[dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            if self.depth:
                self.depth += 1
            elif not self.done and self.css_class in (attrs.get("class") or "").split():
                self.depth = 1
            return
        if not self.depth:
            return
        if tag == "tr":
            self.rows.append([])
            self.row_attrs.append([])
        elif tag in ("td", "th"):
            self.cell = []
            self.row_attrs[-1].append(attrs)
        elif self.cell is not None:
            self.cell_attrs.append(attrs)

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "table":
            self.depth -= 1
            self.done = self.depth == 0
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.depth and self.cell is not None:
            self.cell.append(data)


def parse_table(page: str, css_class: str) -> TableParser:
    parser = TableParser(css_class)
    parser.feed(page)
    assert parser.rows, f"no table .{css_class}"
    return parser


def seed_table_rows(seed_text: str) -> dict[str, list[str]]:
    """The seed's comparison table (space-separated lines) as {dimension: 5 cells}."""
    rows = {}
    for name in DIMENSION_NAMES:
        line = next(line for line in seed_text.splitlines() if line.startswith(name + " "))
        cells = line.split(" ")[1:]
        if len(cells) == 4:  # the 技术栈 row leaves Level 1 empty
            cells = ["", *cells]
        assert len(cells) == 5, line
        rows[name] = cells
    return rows


# --- base layout ------------------------------------------------------------------------


def test_base_layout_navigation_language_switch_and_no_external_resources(client):
    page = get_html(client, reverse("home"))
    assert '<html lang="zh-Hans">' in page
    assert "<title>售后数字化成熟度诊断</title>" in page
    for url in ("/", "/model/", "/model/laws/", "/model/glossary/"):
        assert f'href="{url}"' in page
    for label in ("首页", "成熟度模型", "五大铁律", "术语表"):
        assert f">{label}</a>" in page
    assert 'action="/i18n/setlang/"' in page
    assert 'name="language" value="zh-hans"' in page
    assert 'name="language" value="en"' in page
    assert ">简体中文</button>" in page
    assert ">English</button>" in page
    assert 'href="/static/css/app.css"' in page
    # Everything comes from /static/: no CDN, no absolute or protocol-relative URLs.
    assert not re.search(r'(?:src|href|action)="(?:https?:)?//', page)
    assert "csrfmiddlewaretoken" in page


def test_messages_are_displayed(client, rf):
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.session = client.session
    request._messages = FallbackStorage(request)
    messages.success(request, "已保存 <b>")
    page = render_to_string("base.html", request=request)
    assert 'class="message message-success"' in page
    assert "已保存 &lt;b&gt;" in page


# --- landing page -----------------------------------------------------------------------


def test_home_shows_insight_levels_and_call_to_action(client, content):
    page = get_html(client, reverse("home"))
    text = page_text(page)
    assert content.text("core_insight") in text
    assert "数字化转型不是买系统,而是组织能力的系统性跃迁。" in text
    assert content.text("model_intro") in text
    assert "售后数字化成熟度模型(Digital Maturity Model)" in text
    for level, name, share in zip(content.levels, LEVEL_NAMES, SHARE_LABELS, strict=True):
        assert level.name == name
        assert_escaped_in(name, page)
        assert_escaped_in(level.stage, page)
        assert_escaped_in(level.core_feature, page)
        assert_escaped_in(share, page)
        assert f'href="/model/levels/{level.number}/"' in page
    assert 'href="/workspace/"' in page
    assert "开始自测" in page


# --- model overview ---------------------------------------------------------------------


def test_model_overview_levels(client, content):
    page = get_html(client, reverse("model_overview"))
    for level, name in zip(content.levels, LEVEL_NAMES, strict=True):
        assert_escaped_in(name, page)
        for value in (level.stage, level.short_name, level.core_feature, level.share_label):
            assert_escaped_in(value, page)
        for feature in level.typical_features:
            assert_escaped_in(feature, page)
    assert "&lt;1%" in page
    assert '<button type="button" class="button" data-print hidden>打印</button>' in page


def test_model_overview_full_comparison_table(client, content, seed_text):
    page = get_html(client, reverse("model_overview"))
    assert content.text("table_title") == "5级成熟度模型对照表(可打印版)"
    assert_escaped_in(content.text("table_title"), page)

    table = parse_table(page, "comparison-table")
    header, *body = table.rows
    assert header == ["维度", *[level_header(level) for level in content.levels]]
    assert " ".join(header) in seed_text  # "维度 Level 1 纸质化 Level 2 信息化 …"
    assert [row[0] for row in body] == DIMENSION_NAMES
    assert len(body) == 13
    assert all(len(row) == 6 for row in body)

    expected = seed_table_rows(seed_text)
    empty_cells = 0
    for row, dimension in zip(body, content.dimensions, strict=True):
        assert dimension.name == row[0]
        assert dimension.cells == expected[dimension.name]
        for rendered, cell in zip(row[1:], dimension.cells, strict=True):
            if cell:
                assert rendered == cell
                assert_escaped_in(cell, page)
            else:
                empty_cells += 1
                assert rendered == "—"
    assert empty_cells == 1  # only 技术栈 / Level 1 is empty in the seed
    assert f'title="{EMPTY_CELL_NOTE}" aria-label="{EMPTY_CELL_NOTE}">—</span>' in page


def test_model_overview_checklist_and_criteria(client, content):
    page = get_html(client, reverse("model_overview"))
    assert_escaped_in(content.text("checklist_title"), page)
    assert_escaped_in(content.text("checklist_intro"), page)
    assert len(content.checklist) == 25
    assert len(content.criteria) == 24
    for level in content.levels:
        assert_escaped_in(level.checklist_heading, page)
    for item in content.checklist:
        assert_escaped_in(item.text, page)
    for criterion in content.criteria:
        assert_escaped_in(criterion.text, page)
    # The checklist is grouped by level: Level 1's items follow its heading, before Level 2's.
    heading_1 = page.index(escape(content.level(1).checklist_heading))
    heading_2 = page.index(escape(content.level(2).checklist_heading))
    assert heading_1 < page.index(escape(content.checklist_by_code["L1.5"].text)) < heading_2
    assert "纸质工单占比 &gt; 60%" in page
    assert "系统使用率 &lt; 70%,很多人还是习惯线下记录再补录" in page


# --- level pages ------------------------------------------------------------------------


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_level_page_shows_everything(client, content, number):
    level = content.level(number)
    page = get_html(client, reverse("model_level", args=[number]))
    text = page_text(page)

    assert_escaped_in(level.name, page)
    assert level.name == LEVEL_NAMES[number - 1]
    for value in (level.stage, level.short_name, level.core_feature, level.checklist_heading):
        assert_escaped_in(value, page)
    assert_escaped_in(level.share_label, page)
    assert level.share_label == SHARE_LABELS[number - 1]
    assert len(level.typical_features) == 5
    for feature in level.typical_features:
        assert_escaped_in(feature, page)

    criteria = content.criteria_of_level(number)
    assert len(criteria) in (4, 5)
    for criterion in criteria:
        assert_escaped_in(criterion.text, page)
    checklist = content.checklist_of_level(number)
    assert len(checklist) == 5
    for item in checklist:
        assert_escaped_in(item.text, page)
    # Nothing from another level's criteria or checklist.
    for other in content.criteria:
        if other.level_number != number and other.text not in {c.text for c in criteria}:
            assert escape(other.text) not in page, other.code

    assert_escaped_in(level.case_title, page)
    for line in plain_lines(level.case_body):
        assert line in text
    for figure in level.case_figures:
        assert_escaped_in(figure, page)
    for line in plain_lines(level.industry_status):
        assert line in text
    # Levels 3-5 quote their insight from their own case: it is shown there, once (see
    # tests/test_level_pages_no_repeat.py); Levels 1-2 show it as a block with its label.
    if not insight_repeats_case(level):
        assert_escaped_in(level.insight_label, page)
    for line in plain_lines(level.insight_body):
        assert line in text

    # Its column of the comparison table.
    assert level_header(level) in text
    for dimension in content.dimensions:
        assert_escaped_in(dimension.name, page)
        cell = dimension.cell(number)
        assert_escaped_in(cell or "—", page)

    # Neighbours.
    if number > 1:
        assert f'href="/model/levels/{number - 1}/" rel="prev"' in page
    else:
        assert 'rel="prev"' not in page
    if number < 5:
        assert f'href="/model/levels/{number + 1}/" rel="next"' in page
    else:
        assert 'rel="next"' not in page


def test_level_pages_spot_checks(client):
    page_1 = page_text(get_html(client, "/model/levels/1/"))
    assert "根据中国汽车维修行业协会2024年数据,中国仍有约35%的独立售后门店" in page_1
    assert "纸质工单占比 > 60%" in page_1
    assert "技师凭经验修车,没有标准化流程" in page_1
    assert "—" in page_1  # 技术栈 is empty for Level 1
    page_3 = page_text(get_html(client, "/model/levels/3/"))
    assert "标杆案例:理想汽车的售后数据中台" in page_3
    assert "派单准确率从人工的73%提升到AI的89%" in page_3
    page_4 = get_html(client, "/model/levels/4/")
    # **bold** markup becomes <strong>, the quotes are escaped.
    assert "<strong>这是数字化的&quot;珠穆朗玛&quot;。</strong>" in page_4


def test_level_barriers(client, content):
    page_2 = get_html(client, "/model/levels/2/")
    assert "突破Level 2到Level 3的三大关键" in page_2
    for barrier in content.level(2).barriers:
        assert_escaped_in(barrier, page_2)
    assert "一把手工程:必须CEO/总经理亲自推动" in page_2

    page_3 = get_html(client, "/model/levels/3/")
    assert "从Level 3到Level 4的鸿沟" in page_3
    assert "不是技术鸿沟(AI技术已经成熟),而是:" in page_3
    for barrier in content.level(3).barriers:
        assert_escaped_in(barrier, page_3)

    for number in (1, 4, 5):
        page = get_html(client, f"/model/levels/{number}/")
        assert 'id="barriers-title"' not in page


@pytest.mark.parametrize("number", [0, 6, 99])
def test_level_out_of_range_is_404(client, number):
    assert client.get(f"/model/levels/{number}/").status_code == 404


def test_level_non_number_is_404(client):
    assert client.get("/model/levels/one/").status_code == 404


# --- iron laws and glossary -------------------------------------------------------------


def test_laws_page(client, content):
    page = get_html(client, reverse("model_laws"))
    text = page_text(page)
    assert_escaped_in(content.text("iron_laws_title"), page)
    assert "关键启示:数字化转型的5大铁律" in text
    assert content.text("iron_laws_intro") in text
    assert len(content.iron_laws) == 5
    titles = [
        "认清段位,阶梯式跃迁",
        "价值驱动,而非技术驱动",
        "数据治理先于数据应用",
        "组织与流程适配",
        "小步快跑,持续迭代",
    ]
    for law, title in zip(content.iron_laws, titles, strict=True):
        assert law.title == title
        assert f"铁律{law.number}:{title}" in text
        assert_escaped_in(law.lead, page)
        for line in plain_lines(law.body):
            assert line in text
    for phrase in (
        "数据治理四步走",
        "定标准",
        "清存量",
        "控增量",
        "建文化",
        "MVP",
        "稳扎稳打,好过大跃进。",
    ):
        assert phrase in text
    assert "<strong>每个段位的跃迁周期:12-24个月。</strong>" in page


def test_glossary_page(client, content):
    page = get_html(client, reverse("model_glossary"))
    assert_escaped_in(content.text("glossary_title"), page)
    table = parse_table(page, "glossary-table")
    header, *rows = table.rows
    assert header == ["中文", "英文", "缩写", "释义"]
    assert len(rows) == 11
    assert [row[2] for row in rows] == ABBREVIATIONS
    for row, term in zip(rows, content.glossary, strict=True):
        assert row == [term.term_zh, term.term_en, term.abbreviation, term.definition]
    assert rows[5] == ["首次修复率", "First Time Fix Rate", "FTFR", "首次维修就彻底解决问题的比例"]
    assert "用最小成本快速验证想法的产品" in page


# --- escaping and language --------------------------------------------------------------


def test_texts_are_escaped(client):
    for url in ("/", "/model/", "/model/levels/5/"):
        page = get_html(client, url)
        assert "&lt;1%" in page, url
        assert "<1%" not in page, url
    page = get_html(client, "/model/levels/2/")
    assert "很多人觉得&quot;还不如纸质方便&quot;" in page


def test_switching_to_english_sets_html_lang(client):
    assert '<html lang="zh-Hans">' in get_html(client, "/model/")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/model/"})
    assert response.status_code == 302
    assert response["Location"] == "/model/"
    page = get_html(client, "/model/")
    assert '<html lang="en">' in page
    assert 'value="en" lang="en" aria-pressed="true"' in page
    # The model texts in English too (tests/test_english_edition.py checks every page).
    assert "Paper &amp; Excel" in page
    assert "纸质化/Excel管理" not in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/model/"})
    assert '<html lang="zh-Hans">' in get_html(client, "/model/")


def test_every_page_has_its_title(client):
    expected = {
        "/": "<title>售后数字化成熟度诊断</title>",
        "/model/": "<title>成熟度模型 · 售后数字化成熟度诊断</title>",
        "/model/laws/": "<title>五大铁律 · 售后数字化成熟度诊断</title>",
        "/model/glossary/": "<title>术语表 · 售后数字化成熟度诊断</title>",
        "/model/levels/3/": "<title>Level 3 数据驱动 · 成熟度模型 · 售后数字化成熟度诊断</title>",
    }
    for url, title in expected.items():
        assert title in get_html(client, url), url


def test_model_pages_read_no_reference_data_per_request(
    client, content, django_assert_max_num_queries
):
    get_html(client, "/model/")  # warm the cache
    with django_assert_max_num_queries(3):
        get_html(client, "/model/")
