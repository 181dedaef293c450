"""Writes for Wat Telt: metingen and their scores (each rater may add theirs at another moment),
the signal when a client's own score drops, and the sweep that sends reminders for due rounds.

Every write locks what it changes, validates with Dutch messages (ValidationError, or a Conflict
for a closed traject or scores that are already in) and writes its timeline event and messages in
the same transaction.
"""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.accounts.models import User
from boks.audit import log as access_log
from boks.dossiers import timeline
from boks.dossiers.choices import Status
from boks.dossiers.models import Portaaltoegang, Traject
from boks.notifications.services import Message, notify_many

from . import schedule, selectors
from .choices import Beoordelaar, HerinneringSoort, HerinneringStatus, Kanaal, Variant
from .errors import ScoresAlGegeven, TrajectAfgesloten
from .models import Herinnering, Leefgebied, Meting, Score

# Raters who score every chosen leefgebied once they score at all; a third party may score some.
VOLLEDIG = (Beoordelaar.KLANT, Beoordelaar.MEDEWERKER)


@dataclass
class ScoreData:
    leefgebied: str
    """The leefgebied's code in the organisation's catalogue."""
    beoordelaar: str
    waarde: int


@dataclass
class MetingData:
    persoon_id: int
    datum: datetime.date
    variant: str
    leefgebieden: list[str]
    scores: list[ScoreData] = field(default_factory=list)
    algemene_score: int | None = None
    derde_naam: str = ""
    derde_relatie: str = ""
    gesprek_nummer: int | None = None
    toelichting: str = ""
    sleutel: uuid.UUID | None = None
    """The same key twice (a double submit, a retried request) gives the same single meting."""


def score_veld(beoordelaar: str, code: str) -> str:
    """The name under which a score's error is reported; forms name their fields the same way."""
    return f"{beoordelaar}__{code}"


def _check_open(traject: Traject) -> None:
    if traject.status == Status.AFGESLOTEN:
        raise TrajectAfgesloten(_("Het traject is afgesloten. Heropen het om Wat Telt in te vullen."))


def _check_scores(
    errors: dict,
    *,
    scores: list[ScoreData],
    gekozen: set[str],
    schaal_min: int,
    schaal_max: int,
    derde: tuple[str, str],
) -> None:
    seen = set()
    given = defaultdict(set)
    for score in scores:
        name = score_veld(score.beoordelaar, score.leefgebied)
        if score.beoordelaar not in Beoordelaar.values:
            errors.setdefault("scores", []).append(_("Onbekende beoordelaar: %(naam)s.") % {"naam": score.beoordelaar})
        elif score.leefgebied not in gekozen:
            errors.setdefault(name, []).append(
                _("De cliënt heeft dit leefgebied niet gekozen; geef alleen scores op gekozen leefgebieden.")
            )
        elif (score.beoordelaar, score.leefgebied) in seen:
            errors.setdefault(name, []).append(_("Deze score staat er twee keer in."))
        elif not schaal_min <= score.waarde <= schaal_max:
            errors.setdefault(name, []).append(
                _("Een score ligt tussen %(min)s en %(max)s.") % {"min": schaal_min, "max": schaal_max}
            )
        seen.add((score.beoordelaar, score.leefgebied))
        given[score.beoordelaar].add(score.leefgebied)
    for beoordelaar in VOLLEDIG:
        missing = gekozen - given[beoordelaar] if given[beoordelaar] else set()
        for code in sorted(missing):
            errors.setdefault(score_veld(beoordelaar, code), []).append(
                _("Vul ook deze score van de %(wie)s in.") % {"wie": Beoordelaar(beoordelaar).label.lower()}
            )
    naam, relatie = derde
    if given[Beoordelaar.DERDE]:
        if not naam.strip():
            errors.setdefault("derde_naam", []).append(_("Vul de naam in van de derde die scores geeft."))
        if not relatie.strip():
            errors.setdefault("derde_relatie", []).append(_("Vul in wie de derde is voor de cliënt."))


def _check_algemene_score(errors: dict, waarde: int | None, schaal_min: int, schaal_max: int) -> None:
    if waarde is not None and not schaal_min <= waarde <= schaal_max:
        errors.setdefault("algemene_score", []).append(
            _("Een score ligt tussen %(min)s en %(max)s.") % {"min": schaal_min, "max": schaal_max}
        )


def _ronde_voor(traject: Traject, persoon_id: int, datum: datetime.date, interval_maanden: int) -> int:
    """A household member's meting joins the latest round when it is near that round's start;
    otherwise it opens the next round. A meting before the latest round would rewrite history."""
    latest = (
        Meting.objects.filter(traject=traject).values("ronde").annotate(start=Min("datum")).order_by("-ronde").first()
    )
    if latest is None:
        return 1
    in_round = Meting.objects.filter(traject=traject, ronde=latest["ronde"], persoon_id=persoon_id).exists()
    window = (
        schedule.add_months(latest["start"], -interval_maanden),
        schedule.add_months(latest["start"], interval_maanden),
    )
    if not in_round and window[0] < datum < window[1]:
        return latest["ronde"]
    if datum < latest["start"]:
        raise ValidationError(
            {
                "datum": _("Ronde %(ronde)s begon al op %(datum)s. Een nieuwe meting kan daar niet vóór liggen.")
                % {"ronde": latest["ronde"], "datum": latest["start"].strftime("%d-%m-%Y")}
            }
        )
    return latest["ronde"] + 1


def _validate_meting(traject: Traject, data: MetingData, catalogus: dict[str, Leefgebied], instellingen) -> dict:
    errors: dict[str, list[str]] = {}
    if not traject.huishouden.personen.filter(pk=data.persoon_id).exists():
        errors["persoon"] = [_("Deze persoon hoort niet bij het huishouden van dit traject.")]
    if data.datum > timezone.localdate():
        errors["datum"] = [_("Een meting kan niet in de toekomst liggen.")]
    elif data.datum < traject.aanmelddatum:
        errors["datum"] = [
            _("Een meting kan niet vóór de aanmelding (%(datum)s) liggen.")
            % {"datum": traject.aanmelddatum.strftime("%d-%m-%Y")}
        ]
    elif Meting.objects.filter(traject=traject, persoon_id=data.persoon_id, datum=data.datum).exists():
        errors["datum"] = [_("Deze cliënt heeft op deze datum al een Wat Telt-meting.")]
    if data.variant not in Variant.values:
        errors["variant"] = [_("Kies digitaal of papier.")]
    if data.gesprek_nummer is not None and data.gesprek_nummer < 1:
        errors["gesprek_nummer"] = [_("Vul een gespreksnummer van 1 of hoger in.")]
    unknown = sorted(set(data.leefgebieden) - set(catalogus))
    if unknown:
        errors["leefgebieden"] = [
            _("Deze leefgebieden staan niet in de lijst van de organisatie: %(codes)s.") % {"codes": ", ".join(unknown)}
        ]
    elif not data.leefgebieden:
        errors["leefgebieden"] = [_("Kies minstens één leefgebied dat de cliënt belangrijk vindt.")]
    _check_scores(
        errors,
        scores=data.scores,
        gekozen=set(data.leefgebieden) & set(catalogus),
        schaal_min=instellingen.schaal_min,
        schaal_max=instellingen.schaal_max,
        derde=(data.derde_naam, data.derde_relatie),
    )
    _check_algemene_score(errors, data.algemene_score, instellingen.schaal_min, instellingen.schaal_max)
    return errors


@transaction.atomic
def registreer_meting(*, actor: User, traject: Traject, data: MetingData, kanaal: str = Kanaal.MEDEWERKER) -> Meting:
    """Records a client's Wat Telt: the chosen leefgebieden and the scores given so far. Returns
    the existing meting (with ``herhaald`` set) when the same key arrives again."""
    traject = Traject.objects.select_for_update(of=("self",)).select_related("team", "huishouden").get(pk=traject.pk)
    if not authorization.can_record_meting(actor, traject, data.persoon_id):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    if kanaal == Kanaal.PORTAAL and any(score.beoordelaar != Beoordelaar.KLANT for score in data.scores):
        raise PermissionDenied(_("In het portaal geeft u alleen uw eigen scores."))
    if data.sleutel is not None:
        existing = Meting.objects.filter(sleutel=data.sleutel).first()
        if existing is not None:
            if existing.traject_id != traject.pk:
                raise ValidationError({"sleutel": _("Deze sleutel hoort bij een meting van een ander traject.")})
            existing.herhaald = True
            return existing
    _check_open(traject)
    instellingen = selectors.instellingen_voor(traject.team.organisatie_id)
    catalogus = {row.code: row for row in selectors.catalogus(traject.team.organisatie_id)}
    errors = _validate_meting(traject, data, catalogus, instellingen)
    if errors:
        raise ValidationError(errors)
    ronde = _ronde_voor(traject, data.persoon_id, data.datum, instellingen.interval_maanden)

    meting = Meting(
        traject=traject,
        persoon_id=data.persoon_id,
        ronde=ronde,
        datum=data.datum,
        variant=data.variant,
        gesprek_nummer=data.gesprek_nummer,
        schaal_min=instellingen.schaal_min,
        schaal_max=instellingen.schaal_max,
        algemene_score=data.algemene_score,
        derde_naam=data.derde_naam.strip(),
        derde_relatie=data.derde_relatie.strip(),
        toelichting=data.toelichting.strip(),
        volgende_ronde_op=schedule.add_months(data.datum, instellingen.interval_maanden),
        aangemaakt_door=actor,
        kanaal=kanaal,
        sleutel=data.sleutel or uuid.uuid4(),
    )
    meting.full_clean(exclude=["leefgebieden"])
    meting.save()
    meting.leefgebieden.set([catalogus[code] for code in dict.fromkeys(data.leefgebieden)])
    Score.objects.bulk_create(
        Score(
            meting=meting,
            leefgebied=catalogus[score.leefgebied],
            beoordelaar=score.beoordelaar,
            waarde=score.waarde,
            ingevoerd_door=actor,
            kanaal=kanaal,
        )
        for score in data.scores
    )
    timeline.record_event(
        traject=traject,
        soort="wattelt.meting",
        titel=_("Wat Telt ingevuld (ronde %(ronde)s)") % {"ronde": ronde},
        omschrijving=_("Met %(naam)s, %(variant)s.")
        % {"naam": meting.persoon.voornaam, "variant": meting.get_variant_display().lower()},
        actor=actor,
        plaatsgevonden_op=meting.datum,
        bron=meting,
    )
    if any(score.beoordelaar == Beoordelaar.KLANT for score in data.scores):
        _signaleer_daling(meting, instellingen.daling_signaal)
    if kanaal == Kanaal.PORTAAL:
        _ask_worker_scores(meting)
    meting.herhaald = False
    return meting


def _ask_worker_scores(meting: Meting) -> None:
    """A client filled in Wat Telt online: the regisseur adds their own scores to the same meting."""
    regisseur = meting.traject.regisseur
    if regisseur is None:
        return
    notify_many(
        [
            Message(
                recipient=regisseur,
                key=f"wattelt:portaal:{meting.pk}",
                title=_("%(naam)s vulde Wat Telt in") % {"naam": meting.persoon.volledige_naam},
                body=_("Geef ook jouw scores, bij voorkeur in het volgende gesprek."),
                url=reverse("wattelt:scores_aanvullen", args=[meting.pk]),
            )
        ]
    )


@transaction.atomic
def geef_scores(
    *,
    actor: User,
    meting: Meting,
    beoordelaar: str,
    scores: dict[str, int],
    algemene_score: int | None = None,
    derde_naam: str = "",
    derde_relatie: str = "",
    kanaal: str = Kanaal.MEDEWERKER,
) -> Meting:
    """Adds one rater's scores to a meting, e.g. the worker's after the client filled in theirs.
    Sending the same scores again changes nothing; different scores for a rater who already
    scored are refused, so no one overwrites another's answers."""
    meting = Meting.objects.select_for_update(of=("self",)).select_related("traject__team", "persoon").get(pk=meting.pk)
    traject = meting.traject
    if not authorization.can_record_meting(actor, traject, meting.persoon_id):
        raise PermissionDenied(_("Je werkt niet aan dit traject."))
    if kanaal == Kanaal.PORTAAL and beoordelaar != Beoordelaar.KLANT:
        raise PermissionDenied(_("In het portaal geeft u alleen uw eigen scores."))
    _check_open(traject)
    gekozen = {row.code: row for row in meting.leefgebieden.all()}
    given = [ScoreData(code, beoordelaar, waarde) for code, waarde in scores.items()]
    errors: dict[str, list[str]] = {}
    if not scores:
        errors["scores"] = [_("Geef minstens één score.")]
    if algemene_score is not None and beoordelaar != Beoordelaar.KLANT:
        errors["algemene_score"] = [_("Alleen de cliënt geeft de algemene score.")]
    _check_scores(
        errors,
        scores=given,
        gekozen=set(gekozen),
        schaal_min=meting.schaal_min,
        schaal_max=meting.schaal_max,
        derde=(derde_naam or meting.derde_naam, derde_relatie or meting.derde_relatie),
    )
    _check_algemene_score(errors, algemene_score, meting.schaal_min, meting.schaal_max)
    if errors:
        raise ValidationError(errors)

    existing = {
        score.leefgebied.code: score.waarde
        for score in meting.scores.filter(beoordelaar=beoordelaar).select_related("leefgebied")
    }
    if existing:
        same_overall = algemene_score is None or algemene_score == meting.algemene_score
        if existing == scores and same_overall:
            return meting
        raise ScoresAlGegeven(
            _("De %(wie)s heeft voor deze meting al scores gegeven. Er is niets overschreven.")
            % {"wie": Beoordelaar(beoordelaar).label.lower()}
        )
    Score.objects.bulk_create(
        Score(
            meting=meting,
            leefgebied=gekozen[code],
            beoordelaar=beoordelaar,
            waarde=waarde,
            ingevoerd_door=actor,
            kanaal=kanaal,
        )
        for code, waarde in scores.items()
    )
    changed = []
    if algemene_score is not None and meting.algemene_score is None:
        meting.algemene_score = algemene_score
        changed.append("algemene_score")
    if beoordelaar == Beoordelaar.DERDE and not meting.derde_naam:
        meting.derde_naam, meting.derde_relatie = derde_naam.strip(), derde_relatie.strip()
        changed += ["derde_naam", "derde_relatie"]
    if changed:
        meting.save(update_fields=changed)
    access_log.change(
        traject=traject,
        persoon=meting.persoon,
        obj=meting,
        omschrijving=f"Wat Telt-scores van de {Beoordelaar(beoordelaar).label.lower()} toegevoegd",
    )
    if beoordelaar == Beoordelaar.KLANT:
        _signaleer_daling(meting, selectors.instellingen_voor(traject.team.organisatie_id).daling_signaal)
    return meting


# The signal: a client's own score drops ------------------------------------------------------------


def op_schaal(waarde: int, van: tuple[int, int], naar: tuple[int, int]) -> float:
    """A score given on one scale, expressed on another, so rounds stay comparable after the
    organisation changed its scale."""
    return naar[0] + (waarde - van[0]) * (naar[1] - naar[0]) / (van[1] - van[0])


def dalingen(meting: Meting, drempel: int) -> list[tuple[Leefgebied, float, int]]:
    """The leefgebieden on which the client's own score is at least `drempel` points below their
    score in their previous meting that scored it: (leefgebied, previous on this scale, now)."""
    current = {
        score.leefgebied.code: score
        for score in meting.scores.filter(beoordelaar=Beoordelaar.KLANT).select_related("leefgebied")
    }
    earlier = (
        Score.objects.filter(
            beoordelaar=Beoordelaar.KLANT, meting__persoon_id=meting.persoon_id, leefgebied__code__in=list(current)
        )
        .filter(Q(meting__datum__lt=meting.datum) | Q(meting__datum=meting.datum, meting__pk__lt=meting.pk))
        .select_related("meting", "leefgebied")
        .order_by("-meting__datum", "-meting__pk")
    )
    previous: dict[str, Score] = {}
    for score in earlier:
        previous.setdefault(score.leefgebied.code, score)
    scale = (meting.schaal_min, meting.schaal_max)
    drops = []
    for code, score in current.items():
        before = previous.get(code)
        if before is None:
            continue
        was = op_schaal(before.waarde, (before.meting.schaal_min, before.meting.schaal_max), scale)
        if was - score.waarde >= drempel:
            drops.append((score.leefgebied, round(was, 1), score.waarde))
    return sorted(drops, key=lambda drop: drop[0].volgorde)


def _signaleer_daling(meting: Meting, drempel: int) -> None:
    regisseur = meting.traject.regisseur
    if regisseur is None or not dalingen(meting, drempel):
        return
    notify_many(
        [
            Message(
                recipient=regisseur,
                key=f"wattelt:daling:{meting.pk}:regisseur:{regisseur.pk}",
                title=_("Wat Telt: lagere score in dossier %(nummer)s") % {"nummer": meting.traject.dossiernummer},
                # No leefgebied in the text: e-mail is no place for what a client struggles with.
                body=_(
                    "Een cliënt gaf zichzelf op een of meer leefgebieden een duidelijk lagere score dan bij de "
                    "vorige meting. Bekijk de scores in BOKS en bespreek ze in het volgende gesprek."
                ),
                url=reverse("wattelt:traject", args=[meting.traject_id]),
            )
        ]
    )


# The reminder sweep ---------------------------------------------------------------------------------

BATCH_SIZE = 500


@dataclass(frozen=True)
class Ontvanger:
    rol: str
    gebruiker: User


def ontvangers(herinnering: Herinnering) -> list[Ontvanger]:
    """Who is reminded of a due round: the regisseur, and the household's clients who use the portal
    and take part in Wat Telt (those with an earlier meting in this traject, or, before the first
    round, the adults), so they can fill in their part online."""
    traject = herinnering.traject
    result = []
    if traject.regisseur is not None and traject.regisseur.is_active:
        result.append(Ontvanger("regisseur", traject.regisseur))
    accesses = [access for access in getattr(traject, "portal_accesses", []) if access.gebruiker.is_active]
    measured = getattr(traject, "measured_persons", set())
    for access in accesses:
        takes_part = access.persoon_id in measured if measured else access.persoon.leeftijd >= authorization.ADULT_AGE
        if takes_part:
            result.append(Ontvanger("klant", access.gebruiker))
    return result


def _bericht(herinnering: Herinnering, ontvanger: Ontvanger) -> Message:
    traject = herinnering.traject
    values = {
        "nummer": traject.dossiernummer,
        "ronde": herinnering.ronde,
        "datum": herinnering.vervaldatum.strftime("%d-%m-%Y") if herinnering.vervaldatum else "",
    }
    if herinnering.soort == HerinneringSoort.TE_LAAT:
        title = _("Wat Telt: ronde %(ronde)s is te laat (dossier %(nummer)s)") % values
        body = (
            _(
                "Ronde %(ronde)s van Wat Telt was op %(datum)s aan de beurt. Vul Wat Telt in het volgende gesprek "
                "samen met de cliënt in, of voer de papieren meting in als die al gedaan is."
            )
            % values
        )
    elif herinnering.ronde == 1 and herinnering.vervaldatum is None:
        title = _("Wat Telt: eerste ronde in het volgende gesprek (dossier %(nummer)s)") % values
        body = _(
            "Er zijn twee gesprekken na de kennismaking geweest. Vul Wat Telt uiterlijk in het derde gesprek "
            "samen met de cliënt in."
        )
    else:
        title = _("Wat Telt: ronde %(ronde)s is aan de beurt (dossier %(nummer)s)") % values
        body = _("Ronde %(ronde)s van Wat Telt is uiterlijk %(datum)s aan de beurt. Plan hem in een gesprek.") % values
    if ontvanger.rol == "klant":
        return Message(
            recipient=ontvanger.gebruiker,
            key=(
                f"wattelt:ronde:{traject.pk}:{herinnering.ronde}:{ontvanger.rol}:{ontvanger.gebruiker.pk}:"
                f"{herinnering.soort}"
            ),
            title=_("Hoe gaat het met u? Vul Wat Telt in"),
            body=_(
                "Het is weer tijd voor Wat Telt. U kunt het in het portaal invullen: kies wat belangrijk is "
                "en geef uw scores. Uw contactpersoon bespreekt het met u."
            ),
            url=reverse("portal:wattelt_invullen"),
        )
    return Message(
        recipient=ontvanger.gebruiker,
        key=(
            f"wattelt:ronde:{traject.pk}:{herinnering.ronde}:{ontvanger.rol}:{ontvanger.gebruiker.pk}:"
            f"{herinnering.soort}"
        ),
        title=title,
        body=body,
        url=reverse("wattelt:traject", args=[traject.pk]),
    )


@dataclass
class SweepResultaat:
    gepland: int = 0
    verstuurd: int = 0
    berichten: int = 0
    overbodig: int = 0
    zonder_ontvanger: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _due_trajecten(vandaag: datetime.date):
    """Open trajecten for which a reminder is due today and not yet planned. After days without
    a sweep, a round that is already late gets only its 'te laat' reminder."""

    def planned(soort: str) -> Exists:
        return Exists(Herinnering.objects.filter(traject=OuterRef("pk"), ronde=OuterRef("wattelt_ronde"), soort=soort))

    te_laat = Q(wattelt_vervaldatum__lt=vandaag)
    # Spelled out rather than ~te_laat: NOT (NULL < date) is NULL in SQL, and a first round without
    # a due date yet is not late.
    op_tijd = Q(wattelt_vervaldatum__gte=vandaag) | Q(wattelt_vervaldatum__isnull=True)
    binnenkort = Q(
        wattelt_laatste_ronde__isnull=False,
        wattelt_vervaldatum__lte=vandaag + datetime.timedelta(schedule.DAGEN_VOORUIT),
    ) | Q(wattelt_laatste_ronde__isnull=True, wattelt_tweede_gesprek__isnull=False)
    return (
        schedule.annotate(Traject.objects.open().filter(kennismaking_op__isnull=False))
        .annotate(
            heeft_te_laat=planned(HerinneringSoort.TE_LAAT), heeft_aan_de_beurt=planned(HerinneringSoort.AAN_DE_BEURT)
        )
        .filter((te_laat & Q(heeft_te_laat=False)) | (op_tijd & binnenkort & Q(heeft_aan_de_beurt=False)))
    )


def herinneringen_plannen(*, vandaag: datetime.date | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Writes a Herinnering row for each reminder that is due, in batches over the trajecten (keyset
    on the id, so memory stays bounded). The unique key makes a second or concurrent run harmless;
    the count returned includes rows a concurrent run planned first."""
    vandaag = vandaag or timezone.localdate()
    planned = 0
    last_pk = 0
    due = _due_trajecten(vandaag)
    while True:
        batch = list(
            due.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", "wattelt_ronde", "wattelt_vervaldatum")[:batch_size]
        )
        if not batch:
            return planned
        last_pk = batch[-1][0]
        rows = Herinnering.objects.bulk_create(
            [
                Herinnering(
                    traject_id=traject_id,
                    ronde=ronde,
                    vervaldatum=vervaldatum,
                    soort=HerinneringSoort.TE_LAAT
                    if vervaldatum is not None and vervaldatum < vandaag
                    else HerinneringSoort.AAN_DE_BEURT,
                )
                for traject_id, ronde, vervaldatum in batch
            ],
            ignore_conflicts=True,
        )
        planned += len(rows)


def _attach_portal_clients(batch: list[Herinnering]) -> None:
    """Gives each traject of a batch its household's active portal accesses and the persons with a
    meting in it, in two queries for the whole batch (read by `ontvangers`)."""
    trajecten = {herinnering.traject_id: herinnering.traject for herinnering in batch}
    by_household: dict[int, list[Portaaltoegang]] = {}
    for access in Portaaltoegang.objects.filter(
        actief=True, persoon__huishouden_id__in={t.huishouden_id for t in trajecten.values()}
    ).select_related("gebruiker", "persoon"):
        by_household.setdefault(access.persoon.huishouden_id, []).append(access)
    measured: dict[int, set[int]] = {}
    for traject_id, persoon_id in (
        Meting.objects.filter(traject_id__in=trajecten).values_list("traject_id", "persoon_id").distinct()
    ):
        measured.setdefault(traject_id, set()).add(persoon_id)
    for traject in trajecten.values():
        traject.portal_accesses = by_household.get(traject.huishouden_id, [])
        traject.measured_persons = measured.get(traject.pk, set())


def herinneringen_versturen(*, vandaag: datetime.date | None = None, batch_size: int = BATCH_SIZE) -> SweepResultaat:
    """Sends the planned reminders. Each batch is one transaction: rows claimed with SKIP LOCKED
    (a concurrent sweep takes other rows), the messages written through notify_many (unique keys;
    e-mail leaves after commit) and the rows marked sent. A crash rolls the batch back whole."""
    vandaag = vandaag or timezone.localdate()
    result = SweepResultaat()
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                Herinnering.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(status=HerinneringStatus.GEPLAND, pk__gt=last_pk)
                .select_related("traject__regisseur")
                .annotate(laatste_ronde=schedule.laatste_ronde("traject_id"))
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return result
            last_pk = batch[-1].pk
            _attach_portal_clients(batch)
            messages, sent, superfluous = [], [], []
            for herinnering in batch:
                superseded = herinnering.soort == HerinneringSoort.AAN_DE_BEURT and (
                    herinnering.vervaldatum is not None and herinnering.vervaldatum < vandaag
                )
                if (
                    herinnering.traject.status == Status.AFGESLOTEN
                    or (herinnering.laatste_ronde or 0) >= herinnering.ronde
                    or superseded
                ):
                    superfluous.append(herinnering.pk)
                    continue
                recipients = ontvangers(herinnering)
                if not recipients:
                    result.zonder_ontvanger += 1
                    continue
                messages += [_bericht(herinnering, ontvanger) for ontvanger in recipients]
                sent.append(herinnering.pk)
            notify_many(messages)
            Herinnering.objects.filter(pk__in=sent).update(
                status=HerinneringStatus.VERSTUURD, verstuurd_op=timezone.now()
            )
            Herinnering.objects.filter(pk__in=superfluous).update(status=HerinneringStatus.OVERBODIG)
            result.verstuurd += len(sent)
            result.overbodig += len(superfluous)
            result.berichten += len(messages)


def herinneringen_sweep(*, vandaag: datetime.date | None = None, batch_size: int = BATCH_SIZE) -> SweepResultaat:
    """The periodic sweep (Celery beat, or ``manage.py wattelt_reminders``): plan what is due, then send."""
    planned = herinneringen_plannen(vandaag=vandaag, batch_size=batch_size)
    result = herinneringen_versturen(vandaag=vandaag, batch_size=batch_size)
    result.gepland = planned
    return result
