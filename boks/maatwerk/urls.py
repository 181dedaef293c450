from django.urls import path

from boks.routers import Router

from . import api, views

app_name = "maatwerk"

urlpatterns = [
    path("trajecten/<int:traject_id>/aanvullende-zorg/", views.traject, name="traject"),
    path("trajecten/<int:traject_id>/aanvullende-zorg/aanvraag/", views.aanvraag_nieuw, name="aanvraag_nieuw"),
    path("trajecten/<int:traject_id>/aanvullende-zorg/verwijzing/", views.verwijzing_nieuw, name="verwijzing_nieuw"),
    path("aanvragen/", views.aanvragen, name="aanvragen"),
    path("aanvragen/vervanging/", views.vervanging, name="vervanging"),
    path(
        "aanvragen/vervanging/<int:vervanging_id>/beeindigen/",
        views.vervanging_beeindigen,
        name="vervanging_beeindigen",
    ),
    path("aanvragen/<int:aanvraag_id>/", views.aanvraag, name="aanvraag"),
    path("aanvragen/<int:aanvraag_id>/bewerken/", views.aanvraag_bewerken, name="aanvraag_bewerken"),
    path("aanvragen/<int:aanvraag_id>/stap/<slug:naam>/", views.stap, name="stap"),
    path("aanvragen/<int:aanvraag_id>/bijlagen/", views.bijlage_toevoegen, name="bijlage_toevoegen"),
    path("aanvragen/bijlagen/<int:bijlage_id>/", views.bijlage, name="bijlage"),
    path("aanvragen/bijlagen/<int:bijlage_id>/verwijderen/", views.bijlage_verwijderen, name="bijlage_verwijderen"),
    path("verwijzingen/<int:verwijzing_id>/", views.verwijzing, name="verwijzing"),
]

router = Router()
router.register("aanvraagsoorten", api.AanvraagSoortViewSet, basename="api-aanvraagsoort")
router.register("aanvragen", api.AanvraagViewSet, basename="api-aanvraag")
router.register("verwijzingen", api.VerwijzingViewSet, basename="api-verwijzing")
router.register("vervangingen", api.VervangingViewSet, basename="api-vervanging")
router.register("aanvullende-zorg/cijfers", api.CijfersViewSet, basename="api-aanvullende-zorg-cijfers")
api_urlpatterns = router.urls
