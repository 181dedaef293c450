import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from boks.gezinsplan import services as gezinsplan
from tests.conftest import logged_in

from .factories import open_traject, registreer

pytestmark = pytest.mark.django_db


def test_the_gezinsplan_goals_of_a_leefgebied_stand_beside_its_chart(team, gezinswerker):
    traject = open_traject(team, gezinswerker, status="plan", kennismaking_dagen_geleden=60)
    registreer(traject, klant={"wonen": 4, "zingeving": 6})
    versie = gezinsplan.start_plan(actor=gezinswerker, traject=traject)
    for text, leefgebied in [
        ("We betalen de huur weer elke maand op tijd.", "wonen"),
        ("Een rustig plekje voor huiswerk.", "wonen"),
        ("Weer naar de sportclub.", "sociale_contacten"),
    ]:
        gezinsplan.add_doel(
            actor=gezinswerker, versie_id=versie.pk, data=gezinsplan.DoelData(omschrijving=text, leefgebied=leefgebied)
        )
    html = logged_in(gezinswerker).get(reverse("wattelt:traject", args=[traject.pk])).content.decode()
    persoon = traject.huishouden.personen.first()
    wonen = re.search(rf'<article[^>]*aria-labelledby="wattelt-{persoon.pk}-wonen-kop".*?</article>', html, re.S)
    assert "Gestelde doelen" in wonen.group(0)
    assert escape("We betalen de huur weer elke maand op tijd.") in wonen.group(0)
    assert "Een rustig plekje voor huiswerk." in wonen.group(0)
    assert "Weer naar de sportclub." not in html, "no chart for sociale contacten, so its goal is not shown"
    zingeving = re.search(
        rf'<article[^>]*aria-labelledby="wattelt-{persoon.pk}-zingeving-kop".*?</article>', html, re.S
    )
    assert "Gestelde doelen" not in zingeving.group(0)
    assert reverse("gezinsplan:plan", args=[traject.pk]) in wonen.group(0)
