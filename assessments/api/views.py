"""The scoring API: `POST /api/v1/score` — stateless, no login, stores nothing.

An external contract: request and response fields are fixed (see README, "Scoring API").
"""

import json

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from assessments.api.openapi import openapi_document
from assessments.api.score_input import ScoreInputError, parse_score_request
from assessments.business_benchmarks import size_from_api
from assessments.business_case import business_case, business_case_api_dict
from assessments.scoring import diagnose
from assessments.selectors import model_spec
from assessments.throttle import allow, client_address, seconds_left
from maturity.i18n import active_language_code
from maturity.selectors import model_content

MAX_BODY_BYTES = 64 * 1024


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def _errors(errors: dict, status: int = 400) -> JsonResponse:
    return JsonResponse(
        {"errors": errors}, status=status, json_dumps_params={"ensure_ascii": False}
    )


@csrf_exempt
@require_POST
def score(request):
    if not allow("score-api", client_address(request), settings.SCORE_API_RATE_LIMIT, 60):
        response = _errors(
            {
                "$": [
                    _("请求过于频繁:每分钟最多 %(n)d 次,请稍后再试。")
                    % {"n": settings.SCORE_API_RATE_LIMIT}
                ]
            },
            status=429,
        )
        response["Retry-After"] = str(seconds_left(60))
        return response
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY_BYTES:
        return _errors({"$": [_("请求体超过 64 KB 的上限。")]}, status=413)
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return _errors({"$": [_("请求体超过 64 KB 的上限。")]}, status=413)
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _errors({"$": [_("请求体不是有效的 JSON(UTF-8 编码)。")]})
    spec = model_spec(model_content())
    try:
        request_data = parse_score_request(data, spec)
    except ScoreInputError as error:
        return _errors(error.errors)
    result = diagnose(
        spec,
        checklist=request_data.checklist,
        indicators=request_data.indicators,
        dimensions=request_data.dimensions,
        language=active_language_code(),
        previous=request_data.previous,
    )
    payload = result.as_api_dict()
    business = request_data.business or {}
    if "technicians" in business and "annual_work_orders" in business:
        # The size is given: what the next level is worth (None at the top or without a level).
        case = business_case(result.level, size_from_api(business))
        payload["business_case"] = business_case_api_dict(case, active_language_code())
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_safe
def openapi(request):
    return JsonResponse(
        openapi_document(model_content()), json_dumps_params={"ensure_ascii": False}
    )
