import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from boks.dossiers.models import TijdlijnGebeurtenis
from boks.maatwerk import services
from boks.maatwerk.choices import WettelijkKader, Zorgvorm
from boks.maatwerk.errors import AanvraagGewijzigd

from .factories import TODAY, doel_ids, traject_met_plan

pytestmark = pytest.mark.django_db


def data(**fields) -> services.VerwijzingData:
    values = {"zorgvorm": Zorgvorm.JEUGD_AMBULANT_LOCATIE, "aanbieder": "Youké", "startdatum": TODAY}
    values.update(fields)
    return services.VerwijzingData(**values)


def test_a_worker_registers_a_referral_without_approval(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    verwijzing = services.register_verwijzing(
        actor=gezinswerker, traject=traject, data=data(doelen=doel_ids(traject), beschikking="BS-2026-12")
    )
    assert verwijzing.wettelijk_kader == WettelijkKader.JEUGDWET
    assert list(verwijzing.doelen.values_list("pk", flat=True)) == doel_ids(traject)
    event = TijdlijnGebeurtenis.objects.get(soort="maatwerk.verwijzing")
    assert event.titel == "Verwezen naar Youké: Jeugd: ambulante jeugdhulp op locatie van de aanbieder"
    assert event.zichtbaar_voor_client


def test_the_legal_framework_follows_the_zorgvorm(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    wmo = services.register_verwijzing(
        actor=gezinswerker, traject=traject, data=data(zorgvorm=Zorgvorm.WMO_DAGBESTEDING, aanbieder="Abrona")
    )
    assert wmo.wettelijk_kader == WettelijkKader.WMO
    with pytest.raises(ValidationError) as refused:
        services.register_verwijzing(actor=gezinswerker, traject=traject, data=data(wettelijk_kader=WettelijkKader.WMO))
    assert refused.value.message_dict == {
        "wettelijk_kader": ["Jeugd: ambulante jeugdhulp op locatie van de aanbieder valt onder de Jeugdwet."]
    }


def test_bad_referrals_are_refused_with_messages_per_field(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    with pytest.raises(ValidationError) as refused:
        services.register_verwijzing(
            actor=gezinswerker,
            traject=traject,
            data=data(zorgvorm="tovenarij", aanbieder="  ", startdatum=None),
        )
    assert set(refused.value.message_dict) == {"zorgvorm", "aanbieder", "startdatum"}
    with pytest.raises(ValidationError) as refused:
        services.register_verwijzing(
            actor=gezinswerker, traject=traject, data=data(einddatum=TODAY - datetime.timedelta(days=1))
        )
    assert refused.value.message_dict == {"einddatum": ["De einddatum ligt vóór de startdatum."]}


def test_only_who_works_on_the_traject_registers(team, gezinswerker, colleague):
    traject = traject_met_plan(team, gezinswerker)
    with pytest.raises(PermissionDenied):
        services.register_verwijzing(actor=colleague, traject=traject, data=data())


def test_updating_needs_the_version_you_saw(team, gezinswerker):
    traject = traject_met_plan(team, gezinswerker)
    verwijzing = services.register_verwijzing(actor=gezinswerker, traject=traject, data=data())
    updated = services.update_verwijzing(
        actor=gezinswerker,
        verwijzing_id=verwijzing.pk,
        expected_versie=1,
        data=data(einddatum=TODAY + datetime.timedelta(days=90), beschikking="BS-1"),
    )
    assert updated.versie == 2 and updated.beschikking == "BS-1"
    with pytest.raises(AanvraagGewijzigd):
        services.update_verwijzing(actor=gezinswerker, verwijzing_id=verwijzing.pk, expected_versie=1, data=data())
    assert updated.history.count() == 2
