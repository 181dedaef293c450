"""Demo questionnaires and links for both organisations. Idempotent."""

from django.db import transaction

from boks.accounts.models import Organisatie

from .choices import Moment, VraagSoort
from .models import Link, Vraag, Vragenlijst

QUESTIONNAIRES = [
    (
        "Hoe vindt u de hulp?",
        "Een paar korte vragen over de hulp van het buurtteam. Uw antwoorden helpen ons beter te worden.",
        Moment.ALTIJD,
        [
            ("Helpt de hulp u verder?", VraagSoort.KEUZE, "Ja, veel\nEen beetje\nNog niet", True, False),
            ("Hoe gaat de samenwerking met uw medewerker?", VraagSoort.OPEN, "", False, False),
            ("Wat kan beter?", VraagSoort.OPEN, "", False, False),
        ],
    ),
    (
        "Terugblik op de begeleiding",
        "De begeleiding is afgesloten. Wilt u ons vertellen hoe het was?",
        Moment.AFSLUITING,
        [
            ("Welk rapportcijfer geeft u de hulp?", VraagSoort.CIJFER, "", True, True),
            ("Kunt u nu verder zonder hulp van het buurtteam?", VraagSoort.JA_NEE, "", False, False),
            ("Wilt u nog iets zeggen?", VraagSoort.OPEN, "", False, False),
        ],
    ),
]
LINKS = [
    ("Thuisarts.nl", "https://www.thuisarts.nl", "Betrouwbare informatie over gezondheid en ziekte."),
    ("Geldfit", "https://www.geldfit.nl", "Hulp bij geldzaken en schulden, anoniem."),
    ("Opvoeden.nl", "https://www.opvoeden.nl", "Antwoorden op vragen over opvoeden en opgroeien."),
]


@transaction.atomic
def seed() -> list[tuple[str, str]]:
    for organisatie in Organisatie.objects.all():
        for titel, uitleg, moment, vragen in QUESTIONNAIRES:
            vragenlijst, created = Vragenlijst.objects.get_or_create(
                organisatie=organisatie, titel=titel, defaults={"uitleg": uitleg, "moment": moment}
            )
            if created:
                Vraag.objects.bulk_create(
                    Vraag(
                        vragenlijst=vragenlijst,
                        tekst=tekst,
                        soort=soort,
                        keuzes=keuzes,
                        verplicht=verplicht,
                        is_rapportcijfer=is_cijfer,
                        volgorde=volgorde,
                    )
                    for volgorde, (tekst, soort, keuzes, verplicht, is_cijfer) in enumerate(vragen, start=1)
                )
        for titel, url, omschrijving in LINKS:
            Link.objects.get_or_create(
                organisatie=organisatie,
                team=None,
                huishouden=None,
                titel=titel,
                defaults={"url": url, "omschrijving": omschrijving},
            )
    return []
