from django.http import HttpResponse


def ping(request):
    """The cheapest possible Django response: the floor the benchmarks compare pages against."""
    return HttpResponse("ok", content_type="text/plain")
