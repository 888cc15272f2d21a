"""Public pages of the maturity model and its JSON API.

The views are thin: everything comes from `model_content()` (read once per process and
cached), and the templates pick the active language's text through the model descriptors.
"""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition, require_GET, require_safe
from django.views.decorators.vary import vary_on_headers

from maturity.i18n import active_language_code
from maturity.richtext import plain_lines
from maturity.selectors import level_header, model_content, model_document


def _levels_with_headers(content):
    return [{"level": level, "header": level_header(level)} for level in content.levels]


@require_safe
def home(request):
    content = model_content()
    return render(
        request,
        "maturity/home.html",
        {
            "content": content,
            "levels": content.levels,
            "story": content.text("story"),
            "core_insight": content.text("core_insight"),
            "model_intro": content.text("model_intro"),
        },
    )


@require_safe
def model_overview(request):
    content = model_content()
    return render(
        request,
        "maturity/model_overview.html",
        {
            "content": content,
            "levels": content.levels,
            "columns": _levels_with_headers(content),
            "dimensions": content.dimensions,
            "table_title": content.text("table_title"),
            "model_intro": content.text("model_intro"),
            "checklist_title": content.text("checklist_title"),
            "checklist_intro": content.text("checklist_intro"),
            "checklist_groups": [
                {"level": level, "items": content.checklist_of_level(level.number)}
                for level in content.levels
            ],
            "criteria_groups": [
                {"level": level, "criteria": content.criteria_of_level(level.number)}
                for level in content.levels
            ],
        },
    )


@require_safe
def model_level(request, number: int):
    content = model_content()
    if not 1 <= number <= len(content.levels):
        raise Http404("No such level")
    level = content.level(number)
    return render(
        request,
        "maturity/model_level.html",
        {
            "content": content,
            "level": level,
            "levels": content.levels,
            "header": level_header(level),
            "criteria": content.criteria_of_level(number),
            "checklist": content.checklist_of_level(number),
            "column": [
                {"dimension": dimension, "cell": dimension.cell(number)}
                for dimension in content.dimensions
            ],
            "show_insight": bool(level.insight_body) and not insight_repeats_case(level),
            "previous_level": content.level(number - 1) if number > 1 else None,
            "next_level": content.level(number + 1) if number < len(content.levels) else None,
        },
    )


def insight_repeats_case(level) -> bool:
    """Whether the level's highlighted insight is only a quote from its own case: Levels 3-5
    pull it out of the case body (李想's words, 特斯拉's 理念, 李斌's words), so a separate block
    would show the same text twice on the page. Judged on the Chinese source, so that both
    editions show the same blocks."""
    lines = plain_lines(level.insight_body_zh)
    case = " ".join(plain_lines(level.case_body_zh))
    return bool(lines) and all(line in case for line in lines)


@require_safe
def model_laws(request):
    content = model_content()
    return render(
        request,
        "maturity/model_laws.html",
        {
            "content": content,
            "laws": content.iron_laws,
            "laws_title": content.text("iron_laws_title"),
            "laws_intro": content.text("iron_laws_intro"),
        },
    )


@require_safe
def model_glossary(request):
    content = model_content()
    return render(
        request,
        "maturity/model_glossary.html",
        {
            "content": content,
            "terms": content.glossary,
            "glossary_title": content.text("glossary_title"),
        },
    )


def _model_etag(request) -> str:
    # The texts are in the active language, so the language is part of the representation;
    # the English texts can be filled in without a new version, so their digest is too.
    content = model_content()
    language = active_language_code()
    etag = f"{content.version.checksum}-{language}"
    return f"{etag}-{content.translation_digest}" if language == "en" else etag


# No CSRF for a read-only JSON API: an undeclared method gets 405 (not a 403 page).
@csrf_exempt
@require_GET
@cache_control(public=True, max_age=300)
@vary_on_headers("Accept-Language", "Cookie")
@condition(etag_func=_model_etag)
def api_model(request):
    return JsonResponse(
        model_document(model_content()),
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )
