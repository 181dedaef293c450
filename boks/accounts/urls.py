from django.urls import path

from . import api, views

app_name = "accounts"

urlpatterns = [
    path("team/", views.team_overview, name="team_overview"),
]

api_urlpatterns = [
    path("me/", api.MeView.as_view(), name="api_me"),
]
