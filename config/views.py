from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def ping(request):
    """The cheapest possible Django response: the floor the benchmarks compare pages against."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def healthz(request):
    """For load balancers: 200 when this process can reach the database, 503 when it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "take me out of rotation"
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def csrf_failure(request, reason=""):
    """An expired or missing CSRF token: explain it in the user's words, not Django's."""
    from django.shortcuts import render

    return render(request, "403_csrf.html", status=403)
