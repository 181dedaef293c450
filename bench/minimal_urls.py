"""The project's URLs plus one minimal view, for the benchmark suite's baseline only (never served):
a logged-in request through the whole middleware stack that does no work of its own."""

from django.http import HttpResponse
from django.urls import path

from boks.urls import urlpatterns as boks_urlpatterns


def minimal(request):
    return HttpResponse("ok")


urlpatterns = [path("__bench__/minimal/", minimal), *boks_urlpatterns]
