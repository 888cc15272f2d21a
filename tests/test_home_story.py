"""The home page tells the seed's opening story (老张, the 2000万, 67% / 43%, 为什么?, the answer)
verbatim, ending with its 核心洞察, in Chinese and in English."""

import html
import re

import pytest

pytestmark = pytest.mark.django_db


def page_text(client, **headers) -> str:
    response = client.get("/", **headers)
    assert response.status_code == 200
    body = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def seed_story(seed: str) -> list[str]:
    """The story's paragraphs in the seed: after its heading, up to the 核心洞察."""
    start = seed.index("一个让人心碎的真实故事") + len("一个让人心碎的真实故事")
    end = seed.index("核心洞察:", start)
    return [line.strip() for line in seed[start:end].splitlines() if line.strip()]


def test_the_story_is_on_the_home_page_verbatim(client, content, seed_text):
    text = page_text(client)
    paragraphs = seed_story(seed_text)
    assert paragraphs[0] == "2023年秋天,华东某新能源车企售后总监老张坐在我对面,眼眶泛红。"
    assert len(paragraphs) == 5
    for paragraph in paragraphs:
        assert paragraph in text, paragraph
    assert "一个让人心碎的真实故事" in text
    assert '"我们投了2000万搞数字化,系统上线2年了,结果呢?' in text
    assert "中国汽车售后行业有67%的数字化项目未达预期,平均资金浪费率高达43%。" in text
    assert "为什么?" in text
    assert "因为大多数企业根本不知道自己在数字化的哪个阶段,就盲目上马系统。" in text
    # The story ends with its core insight, shown once.
    insight = (
        "数字化转型不是买系统,而是组织能力的系统性跃迁。你必须先看清自己在哪里,才能规划去哪里。"
    )
    assert insight in seed_text
    assert text.count(insight) == 1
    assert text.index(paragraphs[-1]) < text.index("核心洞察") < text.index(insight)


def test_the_story_in_english(client, content):
    text = page_text(client, HTTP_ACCEPT_LANGUAGE="en")
    assert "A heartbreaking true story" in text
    assert "Lao Zhang, after-sales director of a new-energy carmaker in East China" in text
    assert '"We put RMB 20 million into going digital' in text
    assert "67% of digital projects in China's automotive after-sales industry" in text
    assert "43% of the money was wasted" in text
    assert "Why?" in text
    assert "Because most businesses have no idea which stage of digitalisation" in text
    assert "Core insight" in text
    assert "Digital transformation is not about buying systems" in text
    assert "2023年秋天" not in text
