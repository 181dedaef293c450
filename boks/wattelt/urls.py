from django.urls import path

from boks.routers import Router

from . import api, views

app_name = "wattelt"

urlpatterns = [
    path("trajecten/<int:traject_id>/wattelt/", views.traject, name="traject"),
    path("trajecten/<int:traject_id>/wattelt/digitaal/", views.meting_digitaal, name="meting_digitaal"),
    path("trajecten/<int:traject_id>/wattelt/papier/", views.meting_papier, name="meting_papier"),
    path("wattelt/metingen/<int:meting_id>/aanvullen/", views.scores_aanvullen, name="scores_aanvullen"),
]

router = Router()
router.register("wattelt/leefgebieden", api.LeefgebiedViewSet, basename="api-wattelt-leefgebied")
router.register("wattelt/metingen", api.MetingViewSet, basename="api-wattelt-meting")
router.register("wattelt/historie", api.HistorieViewSet, basename="api-wattelt-historie")
router.register("wattelt/rondes", api.RondeViewSet, basename="api-wattelt-ronde")
router.register("wattelt/cijfers", api.CijfersViewSet, basename="api-wattelt-cijfers")
api_urlpatterns = router.urls
