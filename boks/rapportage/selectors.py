"""Reads for the rapportage pages, exports and API. Every function starts from what the user may see."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.accounts.models import Cluster, Organisatie, Team, Wijk
from boks.audit import log as access_log
from boks.dossiers.models import Huishouden, Persoon, Traject

from . import doorklik, rapport, services
from .dashboard import Kijker
from .kpi import Scope
from .models import Vaststelling
from .periods import Periode
from .tabellen import Tabel, onderdruk, verschillen


def kijker(user, organisatie_id: int) -> Kijker:
    return Kijker(
        eigen_team_ids=authorization.unsuppressed_team_ids(user),
        doorklik_team_ids=authorization.drilldown_team_ids(user),
        minimum=services.instellingen_voor(organisatie_id).minimum_aantal,
    )


def team_voor(user, team_id: int) -> Team:
    """A team whose figures the user may see; 404 otherwise."""
    team = Team.objects.select_related("organisatie", "wijk", "cluster").filter(pk=team_id).first()
    if team is None or not authorization.can_view_team_figures(user, team):
        raise Http404
    return team


def organisatie_voor(user, organisatie_id: int) -> Organisatie:
    if not authorization.can_view_organisation_figures(user, organisatie_id):
        raise Http404
    return Organisatie.objects.get(pk=organisatie_id)


def team_dashboards(user) -> QuerySet[Team]:
    return Team.objects.filter(pk__in=authorization.team_figures_team_ids(user)).select_related("organisatie")


def organisatie_dashboards(user) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(pk__in=authorization.organisation_figures_ids(user))


def wijken_van(organisatie: Organisatie) -> QuerySet[Wijk]:
    """Wijken where the organisation's teams work or its households live.

    EXISTS per wijk rather than a join: a join visits every household of the organisation."""
    teams = Team.objects.filter(wijk=OuterRef("pk"), organisatie=organisatie)
    huishoudens = Huishouden.objects.filter(wijk=OuterRef("pk"), team__organisatie=organisatie)
    return Wijk.objects.filter(Exists(teams) | Exists(huishoudens)).order_by("naam")


def scope_keuzes(organisatie: Organisatie) -> list:
    clusters = Cluster.objects.filter(organisatie=organisatie).order_by("naam")
    teams = Team.objects.filter(organisatie=organisatie).order_by("naam")
    keuzes: list = [("organisatie", _("De hele organisatie"))]
    if clusters:
        keuzes.append((_("Clusters"), [(f"cluster:{c.pk}", c.naam) for c in clusters]))
    keuzes.append((_("Teams"), [(f"team:{t.pk}", t.naam) for t in teams]))
    keuzes.append((_("Wijken"), [(f"wijk:{w.pk}", w.naam) for w in wijken_van(organisatie)]))
    return keuzes


def scope_uit(organisatie: Organisatie, code: str) -> Scope:
    """The scope a parameter names ('organisatie', 'cluster:3', 'team:5', 'wijk:2'), within the
    organisation; ValueError with a Dutch message for anything else."""
    if not code or code == "organisatie":
        return Scope(organisatie)
    soort, _sep, pk = code.partition(":")
    models = {"cluster": Cluster, "team": Team, "wijk": Wijk}
    if soort not in models or not pk.isdigit():
        raise ValueError(
            _("Onbekend onderdeel '%(code)s'. Kies de organisatie, een cluster, team of wijk.") % {"code": code}
        )
    queryset = models[soort].objects.filter(pk=int(pk))
    if soort == "wijk":
        found = queryset.filter(pk__in=wijken_van(organisatie).values("pk")).first()
    else:
        found = queryset.filter(organisatie=organisatie).first()
    if found is None:
        raise ValueError(_("Dit onderdeel hoort niet bij %(organisatie)s.") % {"organisatie": organisatie})
    return Scope(organisatie, soort, found)


# Drill-down --------------------------------------------------------------------------------------


def doorklik_trajecten(user, team: Team, klik: doorklik.Doorklik) -> QuerySet[Traject]:
    """The trajecten behind a figure of one team, only when the user may read that team's figures
    and dossiers; with what the list shows already loaded (a constant number of queries)."""
    if team.pk not in authorization.drilldown_team_ids(user):
        raise Http404
    queryset = doorklik.trajecten(Scope(team.organisatie, "team", team), klik)
    return (
        authorization.visible_trajecten(user, queryset)
        .select_related("huishouden", "team", "regisseur")
        .prefetch_related("betrokkenen", Prefetch("huishouden__personen", queryset=Persoon.objects.order_by("pk")))
        .order_by("aanmelddatum", "pk")
    )


def log_doorklik(trajecten, klik: doorklik.Doorklik) -> None:
    """A list of trajecten is dossier data: every traject shown is in the access log."""
    for traject in trajecten:
        access_log.read(traject=traject, obj=traject, omschrijving=f"Rapportage: {klik.titel}"[:300])


# Report pack -----------------------------------------------------------------------------------


@dataclass
class RapportWeergave:
    organisatie: Organisatie
    periode: Periode
    tabellen: list[Tabel]
    vaststelling: Vaststelling | None
    versies: list[Vaststelling]
    verschillen: list | None = None

    def bijlagen(self):
        return [(titel, [t for t in self.tabellen if t.bijlage == code]) for code, titel in rapport.BIJLAGEN]


def rapport_voor(user, organisatie: Organisatie, periode: Periode, versie: int | None = None) -> RapportWeergave:
    """The report as frozen (the latest version, or the one asked for), with the differences to a
    recomputation; or computed now when the period was never frozen. Suppressed for the viewer."""
    versies = list(
        Vaststelling.objects.filter(organisatie=organisatie, periode=periode.code)
        .select_related("vastgesteld_door")
        .order_by("-versie")
    )
    chosen = None
    if versie is not None:
        chosen = next((v for v in versies if v.versie == versie), None)
        if chosen is None:
            raise Http404
    elif versies:
        chosen = versies[0]
    viewer = kijker(user, organisatie.pk)
    live = onderdruk(
        rapport.bouw(organisatie, periode).tabellen, eigen_team_ids=viewer.eigen_team_ids, minimum=viewer.minimum
    )
    if chosen is None:
        return RapportWeergave(organisatie, periode, live, None, versies)
    tabellen = onderdruk(
        [Tabel.from_dict(data) for data in chosen.cijfers["tabellen"]],
        eigen_team_ids=viewer.eigen_team_ids,
        minimum=viewer.minimum,
    )
    return RapportWeergave(organisatie, periode, tabellen, chosen, versies, verschillen(tabellen, live))
