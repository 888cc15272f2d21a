"""The Level 3/4/5 pages show their case's quote once: the highlighted insight of those levels
(李想's words, 特斯拉's 理念, 李斌's words) is a quote from the case itself, so it is not shown
again as a block of its own. Levels 1 and 2 keep their insight, which the case doesn't hold."""

import html
import re

import pytest

from maturity.richtext import plain_lines

pytestmark = pytest.mark.django_db


def page(client, number, **headers) -> tuple[str, str]:
    response = client.get(f"/model/levels/{number}/", **headers)
    assert response.status_code == 200
    markup = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", "", markup, flags=re.S)
    return markup, html.unescape(re.sub(r"<[^>]+>", "", body))


@pytest.mark.parametrize("number", [3, 4, 5])
def test_the_case_quote_is_shown_once(client, content, number):
    level = content.level(number)
    for headers, insight in (
        ({}, level.insight_body_zh),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, level.insight_body_en),
    ):
        markup, text = page(client, number, **headers)
        assert 'id="insight-title"' not in markup
        lines = plain_lines(insight)
        assert lines
        for line in lines:
            # (the English case has Tesla's motto mid-sentence, without its capital)
            assert text.lower().count(line.lower()) == 1, line


def test_the_level_3_quote_was_the_duplicated_block(client, content):
    _markup, text = page(client, 3)
    quote = "这才是数据驱动——把数据变成一线的武器,而不是高管的装饰品。"
    assert text.count(quote) == 1
    assert "理想汽车售后负责人李想(化名)的访谈金句" in text


@pytest.mark.parametrize("number", [1, 2])
def test_levels_1_and_2_keep_their_insight(client, content, number):
    level = content.level(number)
    markup, text = page(client, number)
    assert 'id="insight-title"' in markup
    assert level.insight_label_zh in text
    for line in plain_lines(level.insight_body_zh):
        assert text.count(line) == 1, line
