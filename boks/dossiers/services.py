"""Writes for households, persons, trajecten and the contactjournaal. Status changes live in
``workflow.py``; everything here records its timeline event in the same transaction."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.accounts.models import Team, User
from boks.errors import Conflict

from . import journal_links, selectors, timeline, workflow
from .choices import Leefgebied, Melder, Rol, Status, TrajectSoort, Urgentie
from .errors import EditConflict, TransitionNotAllowed
from .models import Contactmoment, Huishouden, Ondersteuningsvraag, Persoon, Traject


class DuplicateSuspected(Conflict):
    """The person being registered may already be known; the caller shows the matches first and
    registers again with duplicate_confirmed, or for the existing household."""

    def __init__(self, matches):
        self.matches = list(matches)
        super().__init__(
            _(
                "Deze persoon is misschien al bekend. "
                "Controleer de gevonden personen voordat je een tweede dossier maakt."
            ),
            mogelijke_dubbelen=[
                {
                    "persoon": match.pk,
                    "naam": match.volledige_naam,
                    "geboortedatum": match.geboortedatum.isoformat(),
                    "huishouden": match.huishouden_id,
                    "team": match.huishouden.team.naam,
                }
                for match in self.matches
            ],
        )


@dataclass
class PersoonData:
    voornaam: str
    achternaam: str
    geboortedatum: datetime.date
    rol: str
    tussenvoegsel: str = ""
    bsn: str = ""
    telefoon: str = ""
    email: str = ""
    gezag: bool | None = None
    """None: a parent or carer has gezag, anyone else not (change it when that is not so)."""


@dataclass
class HuishoudenData:
    naam: str
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    woonplaats: str = "Utrecht"
    wijk_id: int | None = None


@dataclass
class AanmeldingData:
    aanmelddatum: datetime.date
    melder: str
    aanmeldvraag: str
    melder_toelichting: str = ""
    urgentie: str = Urgentie.GEEN
    leefgebieden: list[str] = field(default_factory=list)
    soort: str = TrajectSoort.BUURTTEAM


def _new_persoon(huishouden: Huishouden, data: PersoonData) -> Persoon:
    values = dict(data.__dict__)
    if values["gezag"] is None:
        values["gezag"] = data.rol == Rol.OUDER_VERZORGER
    persoon = Persoon(huishouden=huishouden, **values)
    persoon.full_clean()
    persoon.save()
    return persoon


def _validate_aanmelding(data: AanmeldingData) -> None:
    errors = {}
    if data.aanmelddatum > timezone.localdate():
        errors["aanmelddatum"] = _("De aanmelddatum kan niet in de toekomst liggen.")
    if data.melder not in Melder.values:
        errors["melder"] = _("Kies wie de cliënt heeft aangemeld.")
    elif data.melder == Melder.OVERIG and not data.melder_toelichting.strip():
        errors["melder_toelichting"] = _("Schrijf op wie de cliënt heeft aangemeld.")
    if not data.aanmeldvraag.strip():
        errors["aanmeldvraag"] = _("Schrijf de vraag op in de woorden van de cliënt.")
    unknown = set(data.leefgebieden) - set(Leefgebied.values)
    if unknown:
        errors["leefgebieden"] = _("Onbekend leefgebied: %(namen)s") % {"namen": ", ".join(sorted(unknown))}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def register_aanmelding(
    *,
    actor: User,
    team: Team,
    aanmelding: AanmeldingData,
    persoon: PersoonData | None = None,
    huishouden: HuishoudenData | None = None,
    bestaand_huishouden: Huishouden | None = None,
    regisseur: User | None = None,
    duplicate_confirmed: bool = False,
) -> Traject:
    """Registers an aanmelding: a new household and person, or a new traject for a known household
    (re-registration keeps the history together). Raises DuplicateSuspected when the person may
    already be known and the worker has not confirmed that this is someone else."""
    if not authorization.can_register_aanmelding(actor, team):
        raise PermissionDenied(_("Je kunt alleen aanmeldingen voor je eigen team registreren."))
    _validate_aanmelding(aanmelding)

    if bestaand_huishouden is None:
        if persoon is None or huishouden is None:
            raise ValidationError(_("Vul de gegevens van de aangemelde persoon en het huishouden in."))
        if not duplicate_confirmed:
            matches = selectors.possible_duplicates(
                achternaam=persoon.achternaam, geboortedatum=persoon.geboortedatum, bsn=persoon.bsn
            )
            if matches.exists():
                raise DuplicateSuspected(matches)
        household = Huishouden(team=team, **huishouden.__dict__)
        household.full_clean()
        household.save()
        _new_persoon(household, persoon)
    else:
        household = Huishouden.objects.select_for_update().get(pk=bestaand_huishouden.pk)
        running = household.trajecten.open().first()
        if running:
            raise TransitionNotAllowed(
                _("Dit huishouden heeft al een lopend traject (%(nummer)s). Werk daarin verder.")
                % {"nummer": running.dossiernummer}
            )
        if household.team_id != team.pk:
            household.team = team
            household.save(update_fields=["team"])

    traject = Traject(
        huishouden=household,
        team=team,
        aanmelddatum=aanmelding.aanmelddatum,
        melder=aanmelding.melder,
        melder_toelichting=aanmelding.melder_toelichting.strip(),
        aanmeldvraag=aanmelding.aanmeldvraag.strip(),
        urgentie=aanmelding.urgentie,
        soort=aanmelding.soort,
    )
    traject.full_clean(exclude=["dossiernummer"])
    traject.save()
    traject.dossiernummer = f"{aanmelding.aanmelddatum.year}-{traject.pk:06d}"
    traject.save(update_fields=["dossiernummer"])
    Ondersteuningsvraag.objects.bulk_create(
        Ondersteuningsvraag(traject=traject, leefgebied=leefgebied)
        for leefgebied in sorted(set(aanmelding.leefgebieden))
    )
    timeline.record_event(
        traject=traject,
        soort="dossiers.aangemeld",
        titel=workflow.titel_aangemeld(team.naam),
        omschrijving=traject.aanmeldvraag,
        actor=actor,
        plaatsgevonden_op=aanmelding.aanmelddatum,
    )
    if regisseur is not None:
        traject = assign_regisseur(actor=actor, traject=traject, regisseur=regisseur)
    return traject


@transaction.atomic
def add_persoon(*, actor: User, traject: Traject, persoon: PersoonData) -> Persoon:
    if not authorization.can_work_on_traject(actor, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    added = _new_persoon(traject.huishouden, persoon)
    timeline.record_event(
        traject=traject,
        soort="dossiers.persoon_toegevoegd",
        titel=_("%(naam)s toegevoegd aan het huishouden") % {"naam": added.volledige_naam},
        actor=actor,
        bron=added,
    )
    return added


@transaction.atomic
def update_persoon(*, actor: User, traject: Traject, persoon_id: int, data: PersoonData) -> Persoon:
    """Corrects a household member's details; every version is kept in the history."""
    persoon = Persoon.objects.select_for_update().get(pk=persoon_id, huishouden_id=traject.huishouden_id)
    if not authorization.can_work_on_traject(actor, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    for name, value in data.__dict__.items():
        setattr(persoon, name, bool(value) if name == "gezag" else value)
    persoon.full_clean()
    persoon.save()
    timeline.record_event(
        traject=traject,
        soort="dossiers.persoon_gewijzigd",
        titel=_("Gegevens van %(naam)s bijgewerkt") % {"naam": persoon.volledige_naam},
        actor=actor,
        zichtbaar_voor_client=False,
        bron=persoon,
    )
    return persoon


@transaction.atomic
def record_client_rating(*, actor: User, traject: Traject, rapportcijfer: int) -> Traject:
    """The client's own rapportcijfer from a questionnaire in the portal; it does not replace a
    mark the worker already recorded at closing."""
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if not authorization.is_client(actor) or traject.huishouden_id not in authorization.client_household_ids(actor):
        raise PermissionDenied(_("Dit is niet uw dossier."))
    if not 1 <= rapportcijfer <= 10:
        raise ValidationError({"rapportcijfer": _("Een rapportcijfer is een heel getal van 1 tot en met 10.")})
    if traject.rapportcijfer is None:
        traject.rapportcijfer = rapportcijfer
        traject.save(update_fields=["rapportcijfer", "gewijzigd_op"])
    return traject


@transaction.atomic
def assign_regisseur(*, actor: User, traject: Traject, regisseur: User) -> Traject:
    """A team member or the manager makes a colleague of the team the traject's regisseur."""
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if not authorization.can_distribute(actor, traject):
        raise PermissionDenied(_("Je kunt alleen trajecten van je eigen team verdelen."))
    if traject.team_id not in authorization.worker_team_ids(regisseur):
        raise ValidationError({"regisseur": _("De regisseur moet gezinswerker of teammanager in dit team zijn.")})
    if traject.status == Status.AFGESLOTEN:
        raise TransitionNotAllowed(_("Een afgesloten traject krijgt geen nieuwe regisseur."))
    if traject.regisseur_id == regisseur.pk:
        return traject
    traject.regisseur = regisseur
    traject.save(update_fields=["regisseur", "gewijzigd_op"])
    traject.betrokkenen.remove(regisseur)
    timeline.record_event(
        traject=traject,
        soort="dossiers.regisseur",
        titel=_("%(naam)s is regisseur") % {"naam": regisseur.get_full_name()},
        actor=actor,
    )
    return traject


@transaction.atomic
def add_betrokkene(*, actor: User, traject: Traject, medewerker: User) -> None:
    if not authorization.can_work_on_traject(actor, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    if traject.team_id not in authorization.worker_team_ids(medewerker):
        raise ValidationError({"medewerker": _("Kies een gezinswerker of teammanager van dit team.")})
    if medewerker.pk == traject.regisseur_id or traject.betrokkenen.filter(pk=medewerker.pk).exists():
        return
    traject.betrokkenen.add(medewerker)
    timeline.record_event(
        traject=traject,
        soort="dossiers.betrokkene",
        titel=_("%(naam)s werkt mee aan dit traject") % {"naam": medewerker.get_full_name()},
        actor=actor,
    )


@dataclass
class ContactmomentData:
    plaatsgevonden_op: datetime.datetime
    soort: str
    tekst: str
    deelnemers: str = ""
    duur_minuten: int | None = None
    zichtbaar_voor_client: bool = True
    reden_niet_zichtbaar: str = ""
    koppelingen: dict[str, list[int]] = field(default_factory=dict)
    """Links to other apps' items, e.g. {'doelen': [goal ids]} (see journal_links)."""
    betreft: list = field(default_factory=list)
    """The household members the entry is about; empty: the whole household."""

    @classmethod
    def from_mapping(cls, data, koppelingen: dict[str, list[int]] | None = None) -> "ContactmomentData":
        """From a form's cleaned_data or a serializer's validated_data (extra keys are ignored)."""
        relations = {"koppelingen", "betreft"}
        values = {name: data[name] for name in cls.__dataclass_fields__ if name in data and name not in relations}
        return cls(
            **values,
            koppelingen=koppelingen or data.get("koppelingen") or {},
            betreft=list(data.get("betreft") or []),
        )

    def fields(self) -> dict:
        return {name: value for name, value in self.__dict__.items() if name not in {"koppelingen", "betreft"}}


def _check_contactmoment(data: ContactmomentData, traject: Traject) -> None:
    errors = {}
    if data.plaatsgevonden_op > timezone.now() + datetime.timedelta(minutes=5):
        errors["plaatsgevonden_op"] = _("Een contactmoment dat al heeft plaatsgevonden kan niet in de toekomst liggen.")
    elif timezone.localdate(data.plaatsgevonden_op) < traject.aanmelddatum:
        errors["plaatsgevonden_op"] = _("Het contactmoment kan niet vóór de aanmelding liggen.")
    if data.zichtbaar_voor_client:
        data.reden_niet_zichtbaar = ""
    elif not data.reden_niet_zichtbaar:
        errors["reden_niet_zichtbaar"] = _("Kies waarom de cliënt deze regel niet mag zien.")
    if any(persoon.huishouden_id != traject.huishouden_id for persoon in data.betreft):
        errors["betreft"] = _("Kies gezinsleden van dit huishouden.")
    if errors:
        raise ValidationError(errors)


def _journal_title(entry: Contactmoment) -> str:
    return _("Contactmoment: %(soort)s") % {"soort": entry.get_soort_display().lower()}


@transaction.atomic
def write_contactmoment(
    *, actor: User, traject: Traject, data: ContactmomentData, corrigeert: Contactmoment | None = None
) -> Contactmoment:
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    if not authorization.can_work_on_traject(actor, traject):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    if traject.status == Status.AFGESLOTEN:
        raise TransitionNotAllowed(_("Het traject is afgesloten. Heropen het om verder te schrijven."))
    _check_contactmoment(data, traject)
    entry = Contactmoment(traject=traject, auteur=actor, corrigeert=corrigeert, **data.fields())
    entry.full_clean()
    entry.save()
    entry.betreft.set(data.betreft)
    journal_links.save_links(entry, data.koppelingen)
    timeline.record_event(
        traject=traject,
        soort="dossiers.contactmoment",
        titel=_journal_title(entry),
        omschrijving=entry.tekst,
        actor=actor,
        plaatsgevonden_op=entry.plaatsgevonden_op,
        zichtbaar_voor_client=entry.zichtbaar_voor_client,
        bron=entry,
        betreft=data.betreft,
    )
    return entry


def _correction_deadline(entry: Contactmoment) -> datetime.datetime:
    minutes = selectors.werkafspraken_for(entry.traject.team.organisatie_id).journaal_correctie_minuten
    return entry.aangemaakt_op + datetime.timedelta(minutes=minutes)


@transaction.atomic
def correct_contactmoment(
    *, actor: User, contactmoment_id: int, expected_versie: int, data: ContactmomentData
) -> Contactmoment:
    """The author corrects an entry within the correction period. A stale version (someone saved
    in between) raises EditConflict; after the period the entry is immutable."""
    entry = Contactmoment.objects.select_for_update().select_related("traject__team").get(pk=contactmoment_id)
    if not authorization.can_correct_contactmoment(actor, entry):
        raise PermissionDenied(_("Alleen de schrijver kan een contactmoment verbeteren."))
    if timezone.now() > _correction_deadline(entry):
        raise TransitionNotAllowed(
            _("De correctietermijn is voorbij. Schrijf een nieuw contactmoment dat dit contactmoment verbetert.")
        )
    if entry.versie != expected_versie:
        raise EditConflict(
            _(
                "Iemand anders heeft dit contactmoment intussen opgeslagen. Je wijziging is niet bewaard: "
                "bekijk de nieuwe tekst en voer je wijziging opnieuw in."
            )
        )
    _check_contactmoment(data, entry.traject)
    for name, value in data.fields().items():
        setattr(entry, name, value)
    entry.versie += 1
    entry.full_clean()
    entry.save()
    entry.betreft.set(data.betreft)
    journal_links.save_links(entry, data.koppelingen)
    timeline.set_source_betreft(bron=entry, betreft=data.betreft)
    timeline.update_source_events(
        bron=entry,
        titel=_journal_title(entry),
        omschrijving=entry.tekst,
        plaatsgevonden_op=entry.plaatsgevonden_op,
        zichtbaar_voor_client=entry.zichtbaar_voor_client,
    )
    return entry
