"""The production URLconf with the benchmark's baseline in front: a constant string through the same
middleware stack, so each page's throughput can be read as a share of the stack's own."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/bare", bare, name="bench_bare"), *portal_urlpatterns]
