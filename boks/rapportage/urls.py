from django.urls import path

from . import api, views

app_name = "rapportage"

urlpatterns = [
    path("rapportage/", views.index, name="index"),
    path("rapportage/team/<int:team_id>/", views.team_dashboard, name="team"),
    path("rapportage/organisatie/<int:organisatie_id>/", views.organisatie_dashboard, name="organisatie"),
    path("rapportage/trajecten/", views.trajecten, name="trajecten"),
    path("rapportage/organisatie/<int:organisatie_id>/rapport/<str:periode>/", views.rapport, name="rapport"),
    path(
        "rapportage/organisatie/<int:organisatie_id>/rapport/<str:periode>/vaststellen/",
        views.vaststellen,
        name="vaststellen",
    ),
    path(
        "rapportage/organisatie/<int:organisatie_id>/rapport/<str:periode>/download.<str:formaat>",
        views.download,
        name="download",
    ),
]

api_urlpatterns = [
    path("rapportage/indicatoren/", api.IndicatorenView.as_view(), name="rapportage-indicatoren"),
    path(
        "rapportage/organisaties/<int:organisatie_id>/rapporten/<str:periode>/",
        api.RapportView.as_view(),
        name="rapportage-rapport",
    ),
]
