"""Template helpers for the maturity model pages."""

from django import template
from django.utils.safestring import SafeString

from maturity.richtext import render_block
from maturity.selectors import level_header as _level_header

register = template.Library()


@register.filter
def richtext(value: str | None) -> SafeString:
    """Render a data-file block text (paragraphs, lists, **bold**) as escaped HTML."""
    return render_block(value)


@register.filter
def level_header(level) -> str:
    """The comparison table's column header for a level, e.g. "Level 1 纸质化"."""
    return _level_header(level)


@register.filter
def share_width(percent) -> str:
    """A CSS width for a share bar: the percentage clamped to 0..100, as plain digits."""
    try:
        value = float(percent)
    except (TypeError, ValueError):
        return "0%"
    value = min(max(value, 0.0), 100.0)
    return f"{value:g}%"
