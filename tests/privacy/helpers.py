"""A household with an example of everything a dossier holds, made through the services as workers
and clients make it: a journal with an entry about one child, a withheld entry, a vastgesteld plan and
its next concept, Wat Telt metingen, a submitted request with an attachment, a referral, documents
(one only for a child), a text the client wrote, answers to a questionnaire and portal access."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from boks.accounts import authorization
from boks.accounts.choices import TeamRole
from boks.accounts.models import Membership
from boks.documenten import services as document_services
from boks.documenten.models import Invulling, Vraag, Vragenlijst
from boks.dossiers import services as dossier_services
from boks.dossiers import toegang
from boks.dossiers.models import Persoon, Portaaltoegang, Traject
from boks.gezinsplan import services as plan_services
from boks.maatwerk import services as maatwerk_services
from boks.maatwerk import statusflow
from boks.maatwerk.choices import Zorgvorm
from tests.factories import ClientUserFactory, MembershipFactory, PersoonFactory, UserFactory
from tests.gezinsplan.helpers import traject_in_plan, vastgesteld_plan
from tests.maatwerk.factories import AanvraagSoortFactory, aanvraag
from tests.wattelt.factories import MetingFactory

TODAY = timezone.localdate()


def born_years_ago(years: int) -> datetime.date:
    return TODAY - relativedelta(years=years, days=10)


def pdf_upload(name: str = "brief.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7\n" + b"x" * 300, content_type="application/pdf")


@dataclass
class Dossier:
    traject: Traject
    moeder: Persoon
    vader: Persoon
    kind: Persoon
    client: object
    regisseur: object

    @property
    def huishouden(self):
        return self.traject.huishouden

    def scope(self, user=None):
        return authorization.client_scope(user or self.client, self.huishouden.pk)


def rich_dossier(team, regisseur, mark: str = "Vechtzoom") -> Dossier:
    traject = traject_in_plan(
        team,
        regisseur,
        huishouden__naam=f"Gezin {mark}",
        persoon__voornaam="Mirjam",
        persoon__achternaam=mark,
        persoon__rol="ouder_verzorger",
        persoon__gezag=True,
        persoon__geboortedatum=born_years_ago(39),
    )
    moeder = traject.huishouden.personen.get()
    vastgesteld = vastgesteld_plan(traject, regisseur, goals=(f"Rust in huis bij {mark}",))
    plan_services.new_version(actor=regisseur, plan=vastgesteld.plan)
    vader = PersoonFactory(
        huishouden=traject.huishouden, voornaam="Joost", achternaam=mark, gezag=True, geboortedatum=born_years_ago(41)
    )
    kind = PersoonFactory(
        huishouden=traject.huishouden, voornaam="Sem", achternaam=mark, rol="jeugdige", geboortedatum=born_years_ago(13)
    )
    traject.refresh_from_db()
    entry = dossier_services.write_contactmoment(
        actor=regisseur,
        traject=traject,
        data=dossier_services.ContactmomentData(
            plaatsgevonden_op=timezone.now() - datetime.timedelta(days=3),
            soort="huisbezoek",
            tekst=f"Huisbezoek bij {mark}: het gaat beter met de avonden.",
        ),
    )
    dossier_services.write_contactmoment(
        actor=regisseur,
        traject=traject,
        data=dossier_services.ContactmomentData(
            plaatsgevonden_op=timezone.now() - datetime.timedelta(days=2),
            soort="gesprek",
            tekst="Gesprek met Sem alleen over school.",
            betreft=[kind],
        ),
    )
    toegang.withhold(actor=regisseur, traject=traject, item=entry, persoon=vader, reden="Inzage schaadt het kind.")
    client = ClientUserFactory(first_name="Mirjam", last_name=mark)
    Portaaltoegang.objects.create(persoon=moeder, gebruiker=client)
    scope = authorization.client_scope(client, traject.huishouden_id)
    plan_services.submit_voorstel(actor=client, scope=scope, plan=vastgesteld.plan, omschrijving="Meer buiten spelen.")
    if not Membership.objects.current().filter(team=team, role=TeamRole.TEAMMANAGER).exists():
        MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.TEAMMANAGER)
    made = aanvraag(traject, regisseur, AanvraagSoortFactory(organisatie=team.organisatie))
    maatwerk_services.add_bijlage(actor=regisseur, aanvraag_id=made.pk, bestand=pdf_upload("offerte.pdf"))
    statusflow.perform(aanvraag_id=made.pk, stap="indienen", actor=regisseur)
    maatwerk_services.register_verwijzing(
        actor=regisseur,
        traject=traject,
        data=maatwerk_services.VerwijzingData(
            zorgvorm=Zorgvorm.JEUGD_DIAGNOSTIEK, aanbieder="Kentalis", startdatum=TODAY
        ),
    )
    document_services.upload_document(
        actor=regisseur, traject=traject, titel=f"Brief {mark}", upload=pdf_upload(), zichtbaarheid="huishouden"
    )
    document_services.upload_document(
        actor=regisseur,
        traject=traject,
        titel="Schoolrapport Sem",
        upload=pdf_upload("rapport.pdf"),
        zichtbaarheid="personen",
        betreft=[kind],
    )
    document_services.write_text(
        actor=client,
        traject=traject,
        titel="Mijn verhaal",
        tekst="Zo gaat het bij ons.",
        zichtbaarheid="huishouden",
        scope=scope,
    )
    document_services.add_household_link(
        actor=regisseur, traject=traject, titel="Schuldhulp", url="https://example.org/"
    )
    vragenlijst = Vragenlijst.objects.create(organisatie=team.organisatie, titel="Hoe gaat het?", actief=True)
    Vraag.objects.create(vragenlijst=vragenlijst, tekst="Hoe gaat het?", volgorde=1)
    Invulling.objects.create(
        vragenlijst=vragenlijst,
        traject=traject,
        persoon=moeder,
        ingevuld_door=client,
        antwoorden=[["Hoe gaat het?", "Goed"]],
        sleutel=f"sleutel-{traject.pk}",
    )
    MetingFactory(traject=traject, persoon=moeder, aangemaakt_door=regisseur)
    MetingFactory(traject=traject, persoon=kind, aangemaakt_door=regisseur)
    traject.refresh_from_db()
    return Dossier(traject=traject, moeder=moeder, vader=vader, kind=kind, client=client, regisseur=regisseur)
