"""Rendering the data file's block texts (paragraphs, "- " bullets, "1. " numbered items,
two-space nesting, **bold**) as HTML for pages and the PDF.

Every piece of text is escaped before any markup is added, so the output is safe even if a
block ever carries user-provided text.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BULLET = re.compile(r"^(?P<indent> *)- (?P<text>.*)$")
NUMBERED = re.compile(r"^(?P<indent> *)\d+\. (?P<text>.*)$")
BOLD = re.compile(r"\*\*(.+?)\*\*")


def inline(text: str) -> str:
    return BOLD.sub(r"<strong>\1</strong>", escape(text))


def _list_item(line: str):
    for kind, pattern in (("ul", BULLET), ("ol", NUMBERED)):
        match = pattern.match(line)
        if match:
            return kind, len(match["indent"]) // 2, match["text"]
    return None


def render_block(text: str | None) -> SafeString:
    if not text:
        return mark_safe("")  # noqa: S308 - constant
    html: list[str] = []
    open_lists: list[str] = []  # stack of "ul"/"ol"
    paragraph: list[str] = []

    def close_paragraph():
        if paragraph:
            html.append("<p>" + "<br>".join(inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def close_lists(depth: int):
        while len(open_lists) > depth:
            html.append(f"</li></{open_lists.pop()}>")

    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            close_paragraph()
            continue
        item = _list_item(line)
        if item is None:
            if open_lists and raw.startswith(" "):
                # A continuation line of the current list item.
                html.append("<br>" + inline(line.strip()))
                continue
            close_lists(0)
            paragraph.append(line.strip())
            continue
        close_paragraph()
        kind, depth, content = item
        depth = min(depth, len(open_lists))
        if depth < len(open_lists):
            close_lists(depth + 1)
            if open_lists[depth] != kind:
                close_lists(depth)
            else:
                html.append("</li>")
        if depth == len(open_lists):
            html.append(f"<{kind}>")
            open_lists.append(kind)
        html.append("<li>" + inline(content))
    close_paragraph()
    close_lists(0)
    return mark_safe("".join(html))  # noqa: S308 - every text fragment was escaped above


def plain_lines(text: str | None) -> list[str]:
    """The block's text lines without markup (for PDF text checks and plain exports)."""
    lines = []
    for raw in (text or "").splitlines():
        if not raw.strip():
            continue
        item = _list_item(raw.rstrip())
        content = item[2] if item else raw.strip()
        lines.append(BOLD.sub(r"\1", content))
    return lines
