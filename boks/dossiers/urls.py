from django.urls import path

from boks.routers import Router

from . import api, views

app_name = "dossiers"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("noodtoegang/", views.noodtoegang_open, name="noodtoegang"),
    path("noodtoegang/overzicht/", views.noodtoegang_overzicht, name="noodtoegang_overzicht"),
    path("noodtoegang/<int:noodtoegang_id>/beoordelen/", views.noodtoegang_beoordelen, name="noodtoegang_beoordelen"),
    path("teams/<int:team_id>/werk/", views.team_work, name="team_work"),
    path("aanmelding/nieuw/", views.aanmelding_new, name="aanmelding_new"),
    path("trajecten/<int:traject_id>/", views.traject_detail, name="traject"),
    path("trajecten/<int:traject_id>/stap/<slug:name>/", views.traject_step, name="traject_step"),
    path("trajecten/<int:traject_id>/regisseur/", views.traject_regisseur, name="traject_regisseur"),
    path("trajecten/<int:traject_id>/wijzigingen/", views.wijzigingen, name="wijzigingen"),
    path("trajecten/<int:traject_id>/journaal/", views.contactmoment_new, name="contactmoment_new"),
    path("trajecten/<int:traject_id>/gezinslid/", views.persoon_new, name="persoon_new"),
    path("trajecten/<int:traject_id>/gezinsleden/<int:persoon_id>/", views.persoon_edit, name="persoon_edit"),
    path(
        "trajecten/<int:traject_id>/gezinsleden/<int:persoon_id>/portaal/uitnodigen/",
        views.portaal_uitnodigen,
        name="portaal_uitnodigen",
    ),
    path(
        "trajecten/<int:traject_id>/gezinsleden/<int:persoon_id>/portaal/intrekken/",
        views.portaal_intrekken,
        name="portaal_intrekken",
    ),
    path(
        "trajecten/<int:traject_id>/afschermingen/<int:afscherming_id>/opheffen/",
        views.afscherming_opheffen,
        name="afscherming_opheffen",
    ),
    path("contactmomenten/<int:contactmoment_id>/verbeteren/", views.contactmoment_edit, name="contactmoment_edit"),
    path(
        "contactmomenten/<int:contactmoment_id>/afschermen/",
        views.contactmoment_afschermen,
        name="contactmoment_afschermen",
    ),
    path("huishoudens/<int:huishouden_id>/", views.huishouden_detail, name="huishouden"),
]

router = Router()
router.register("trajecten", api.TrajectViewSet, basename="api-traject")
router.register("huishoudens", api.HuishoudenViewSet, basename="api-huishouden")
router.register("contactmomenten", api.ContactmomentViewSet, basename="api-contactmoment")
api_urlpatterns = router.urls
