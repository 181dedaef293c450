"""The BOKS URLs plus two views that fail, to see what users get when something breaks."""

from django.db import OperationalError
from django.urls import path

from boks import urls as boks_urls


def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def broken(request):
    raise RuntimeError("an unexpected bug")


urlpatterns = [*boks_urls.urlpatterns, path("kapotte-database/", database_down), path("stuk/", broken)]
handler500 = boks_urls.handler500
