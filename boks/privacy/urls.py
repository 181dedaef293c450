from django.urls import path

from boks.routers import Router

from . import api, views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.overzicht, name="overzicht"),
    path("trajecten/<int:traject_id>/privacy/", views.traject, name="traject"),
    path("trajecten/<int:traject_id>/privacy/extern-verzoek/", views.extern_verzoek_nieuw, name="extern_verzoek_nieuw"),
    path("trajecten/<int:traject_id>/privacy/avg-verzoek/", views.avg_verzoek_traject, name="avg_verzoek_traject"),
    path("privacy/externe-verzoeken/", views.extern_verzoeken, name="extern_verzoeken"),
    path("privacy/externe-verzoeken/<int:verzoek_id>/", views.extern_verzoek, name="extern_verzoek"),
    path(
        "privacy/externe-verzoeken/<int:verzoek_id>/samenstellen/",
        views.extern_samenstellen,
        name="extern_samenstellen",
    ),
    path("privacy/externe-verzoeken/<int:verzoek_id>/stap/<slug:naam>/", views.extern_stap, name="extern_stap"),
    path(
        "privacy/externe-verzoeken/<int:verzoek_id>/export/<slug:formaat>/", views.extern_export, name="extern_export"
    ),
    path("privacy/avg-verzoeken/", views.avg_verzoeken, name="avg_verzoeken"),
    path("privacy/avg-verzoeken/nieuw/", views.avg_verzoek_nieuw, name="avg_verzoek_nieuw"),
    path("privacy/avg-verzoeken/<int:verzoek_id>/", views.avg_verzoek, name="avg_verzoek"),
    path("privacy/avg-verzoeken/<int:verzoek_id>/export/<slug:formaat>/", views.avg_export, name="avg_export"),
    path("privacy/bewaartermijnen/", views.bewaartermijnen, name="bewaartermijnen"),
    path("privacy/bewaartermijnen/<int:vernietiging_id>/", views.vernietiging, name="vernietiging"),
]

router = Router()
router.register("externe-verzoeken", api.ExternVerzoekViewSet, basename="api-extern-verzoek")
router.register("avg-verzoeken", api.AvgVerzoekViewSet, basename="api-avg-verzoek")
router.register("vernietigingen", api.VernietigingViewSet, basename="api-vernietiging")
api_urlpatterns = router.urls
