"""The peer's URLconf with the same baseline as ours in front: a constant string through its stack."""

from bakerydemo.urls import urlpatterns as peer_urlpatterns
from django.http import HttpResponse
from django.urls import path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/bare", bare, name="bench_bare"), *peer_urlpatterns]
