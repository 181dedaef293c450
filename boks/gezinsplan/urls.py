from django.urls import path

from boks.routers import Router

from . import api, views

app_name = "gezinsplan"

urlpatterns = [
    path("trajecten/<int:traject_id>/plan/", views.plan, name="plan"),
    path("trajecten/<int:traject_id>/plan/starten/", views.start, name="start"),
    path("trajecten/<int:traject_id>/plan/afdrukken/", views.print_view, name="print"),
    path("plannen/<int:plan_id>/nieuwe-versie/", views.new_version, name="new_version"),
    path("plannen/<int:plan_id>/scores/", views.scores, name="scores"),
    path("plannen/<int:plan_id>/evaluatie/", views.evaluatie, name="evaluatie"),
    path("planversies/<int:versie_id>/", views.versie, name="versie"),
    path("planversies/<int:versie_id>/pdf/", views.pdf_view, name="pdf"),
    path("planversies/<int:versie_id>/vaststellen/", views.vaststellen, name="vaststellen"),
    path("planversies/<int:old_id>/vergelijk/<int:new_id>/", views.compare, name="compare"),
    path("planversies/<int:versie_id>/onderdeel/<slug:name>/", views.section, name="section"),
    path("planversies/<int:versie_id>/doelen/", views.doel_add, name="doel_add"),
    path("planversies/<int:versie_id>/afspraken/", views.afspraak_add, name="afspraak_add"),
    path("planversies/<int:versie_id>/netwerk/", views.netwerk_add, name="netwerk_add"),
    path("planversies/<int:versie_id>/afwegingen/", views.afweging_add, name="afweging_add"),
    path("plandoelen/<int:plan_doel_id>/", views.doel_edit, name="doel_edit"),
    path("plandoelen/<int:plan_doel_id>/verwijderen/", views.doel_remove, name="doel_remove"),
    path("plandoelen/<int:plan_doel_id>/schaalvraag/", views.schaalvraag_add, name="schaalvraag_add"),
    path("plandoelen/<int:plan_doel_id>/omhoog/", views.doel_move, {"direction": "omhoog"}, name="doel_up"),
    path("plandoelen/<int:plan_doel_id>/omlaag/", views.doel_move, {"direction": "omlaag"}, name="doel_down"),
    path("planafspraken/<int:plan_afspraak_id>/", views.afspraak_edit, name="afspraak_edit"),
    path("planafspraken/<int:plan_afspraak_id>/verwijderen/", views.afspraak_remove, name="afspraak_remove"),
    path("afspraken/<int:afspraak_id>/status/", views.afspraak_status, name="afspraak_status"),
    path("netwerk/<int:row_id>/", views.netwerk_edit, name="netwerk_edit"),
    path("netwerk/<int:row_id>/verwijderen/", views.netwerk_remove, name="netwerk_remove"),
    path("afwegingen/<int:row_id>/", views.afweging_edit, name="afweging_edit"),
    path("afwegingen/<int:row_id>/verwijderen/", views.afweging_remove, name="afweging_remove"),
    path("doelvoorstellen/<int:voorstel_id>/overnemen/", views.voorstel_accept, name="voorstel_accept"),
    path("doelvoorstellen/<int:voorstel_id>/bespreken/", views.voorstel_discuss, name="voorstel_discuss"),
]

router = Router()
router.register("gezinsplannen", api.GezinsplanViewSet, basename="api-gezinsplan")
router.register("planversies", api.PlanVersieViewSet, basename="api-planversie")
router.register("plandoelen", api.PlanDoelViewSet, basename="api-plandoel")
router.register("planafspraken", api.PlanAfspraakViewSet, basename="api-planafspraak")
router.register("afspraken", api.AfspraakStatusViewSet, basename="api-afspraak")
router.register("netwerkleden", api.NetwerkViewSet, basename="api-netwerklid")
router.register("afwegingen", api.AfwegingViewSet, basename="api-afweging")
router.register("doelvoorstellen", api.DoelVoorstelViewSet, basename="api-doelvoorstel")
api_urlpatterns = router.urls
