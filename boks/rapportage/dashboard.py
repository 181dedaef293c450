"""The dashboards: key figures, and per subject a chart with the table behind it.

A team dashboard splits its figures per month (or per quarter in a year); a dashboard of an
organisation, cluster or wijk splits them per team. Both are built from the indicators in kpi.py;
small numbers outside the viewer's own teams are suppressed before any chart is drawn, so a chart
never shows what its table hides. A figure links to the trajecten behind it only where the viewer
may read every one of them (their own teams)."""

import datetime
import inspect
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from boks.accounts.models import Team
from boks.dossiers.choices import Afsluitreden, Melder, ZelfstandigVerder
from boks.maatwerk.choices import Zorgvorm

from . import kpi, rapport
from .doorklik import Doorklik
from .periods import Periode
from .tabellen import Cel, Rij, Tabel, onderdruk


@dataclass
class Tegel:
    label: str
    cel: Cel
    toelichting: str = ""


@dataclass
class Sectie:
    id: str
    titel: str
    tabellen: list[Tabel]
    grafiek: dict | None = None
    uitleg: str = ""


@dataclass
class Kijker:
    """What the viewer may see: own teams in full, drill-down into trajecten of some teams."""

    eigen_team_ids: set[int]
    doorklik_team_ids: set[int]
    minimum: int


@dataclass
class Dashboard:
    scope: kpi.Scope
    periode: Periode
    peildatum: datetime.date
    tegels: list[Tegel] = field(default_factory=list)
    secties: list[Sectie] = field(default_factory=list)
    buiten_cijfers: int = 0

    @property
    def tabellen(self) -> list[Tabel]:
        return [tabel for sectie in self.secties for tabel in sectie.tabellen]


@dataclass
class Groep:
    """A row of a split: a month (team dashboard) or a team (wider dashboards), or the total."""

    sleutel: str
    label: str
    periode: Periode
    team_id: int | None = None
    totaal: bool = False


class _Builder:
    def __init__(self, scope: kpi.Scope, periode: Periode, peildatum: datetime.date, kijker: Kijker):
        self.scope, self.periode, self.peildatum, self.kijker = scope, periode, peildatum, kijker
        self.per_team = scope.soort != "team"
        if self.per_team:
            teams = [t for t in rapport.teams_van(scope.organisatie) if self._team_in_scope(t)]
            self.groepen = [Groep(f"team:{t.pk}", t.naam, periode, team_id=t.pk) for t in teams]
        else:
            self.groepen = [Groep(deel.code, deel.label, deel) for deel in periode.delen()]
        self.groepen.append(Groep("totaal", _("Totaal"), periode, totaal=True))
        self.team_id = scope.object.pk if scope.soort == "team" else None
        self._memo: dict = {}

    def kpi(self, indicator, *args, **kwargs):
        """An indicator computed once per dashboard, however many tiles and tables show it."""
        bound = inspect.signature(indicator).bind(self.scope, *args, **kwargs)
        bound.apply_defaults()
        key = (indicator.__name__, *bound.arguments.values())
        if key not in self._memo:
            self._memo[key] = indicator(self.scope, *args, **kwargs)
        return self._memo[key]

    def _team_in_scope(self, team: Team) -> bool:
        if self.scope.soort == "cluster":
            return team.cluster_id == self.scope.object.pk
        return True

    # Links -----------------------------------------------------------------------------------

    def link(self, groep: Groep | None, indicator: str, detail: str = "", waarde: str = "") -> str:
        team_id = (groep.team_id if groep and groep.team_id else None) or self.team_id
        if team_id is None or team_id not in self.kijker.doorklik_team_ids:
            return ""
        periode = groep.periode if groep else self.periode
        doorklik = Doorklik(indicator, periode, min(self.peildatum, periode.tot), detail, waarde)
        return f"{reverse('rapportage:trajecten')}?{doorklik.query(f'team:{team_id}')}"

    def per_groep(self, compute) -> dict:
        """Runs an indicator per team once (wider scopes) or per month (team scope)."""
        if self.per_team:
            values = compute(self.periode, "team")
            values[None] = compute(self.periode, None)[None]
            return {g.sleutel: values.get(g.team_id) for g in self.groepen}
        return {g.sleutel: compute(g.periode, None)[None] for g in self.groepen}

    def rows(self, values: dict, cells) -> list[Rij]:
        return [
            Rij(g.sleutel, g.label, cells(g, values.get(g.sleutel) or {}), team_id=g.team_id, totaal=g.totaal)
            for g in self.groepen
        ]

    @property
    def rij_kop(self) -> str:
        return _("Team") if self.per_team else _("Periode")


def _kleur_data(tabel: Tabel, kolom: int, rows=None) -> list:
    rows = rows if rows is not None else [row for row in tabel.rijen if not row.totaal]
    values = []
    for row in rows:
        cel = row.cellen[kolom]
        value = cel.export_waarde
        values.append(round(value * 100, 1) if value is not None and cel.soort == "aandeel" else value)
    return values


def _labels(tabel: Tabel) -> list[str]:
    return [row.label for row in tabel.rijen if not row.totaal]


def bouw(scope: kpi.Scope, periode: Periode, peildatum: datetime.date, kijker: Kijker) -> Dashboard:
    b = _Builder(scope, periode, peildatum, kijker)
    board = Dashboard(scope, periode, peildatum)
    board.buiten_cijfers = kpi.buiten_buurtteamcijfers(scope, periode)

    # Key figures ---------------------------------------------------------------------------
    caseload = b.kpi(kpi.caseload, peildatum)[None]
    aantal = b.kpi(kpi.aantallen, periode)[None]
    snel = b.kpi(kpi.snelheid, periode)[None]
    wacht = b.kpi(kpi.wachtenden, peildatum)[None]
    zelf = b.kpi(kpi.zelfstandig_verder, periode)[None]
    cijfer = b.kpi(kpi.rapportcijfer, periode)[None]
    plan = b.kpi(kpi.plan_vastgesteld, peildatum)[None]
    eval_ = b.kpi(kpi.evaluaties_te_laat, peildatum)[None]
    zorg = kpi.aanvullende_zorg_betrokken(scope, peildatum)
    board.tegels = [
        Tegel(
            _("Actieve trajecten"),
            Cel(caseload["trajecten"], caseload["trajecten"], link=b.link(None, "actief")),
            _("op %(datum)s") % {"datum": peildatum.strftime("%d-%m-%Y")},
        ),
        Tegel(_("Huishoudens"), Cel.aantal(caseload["huishoudens"]), _("uniek, actief op de peildatum")),
        Tegel(_("Cliënten"), Cel.aantal(caseload["clienten"]), _("alle gezinsleden, actief op de peildatum")),
        Tegel(
            _("Aangemeld"),
            Cel(aantal["gestart"], aantal["gestart"], link=b.link(None, "aangemeld")),
            _("in de periode"),
        ),
        Tegel(
            _("Afgesloten"),
            Cel(aantal["afgesloten"], aantal["afgesloten"], link=b.link(None, "afgesloten")),
            _("in de periode"),
        ),
        Tegel(
            _("Werkdagen tot kennismaking"),
            Cel.gemiddelde(snel["gemiddeld"], snel["n"]),
            _("gemiddeld, kennismakingen in de periode"),
        ),
        Tegel(_("Mediaan werkdagen"), Cel.gemiddelde(snel["mediaan"], snel["n"]), _("de helft was sneller")),
        Tegel(
            _("Kennismaking binnen de norm"),
            Cel.aandeel(snel["aandeel_binnen_norm"], snel["n"]),
            _("norm: %(norm)s werkdagen") % {"norm": snel["norm"] or kpi.NORM_STANDAARD},
        ),
        Tegel(
            _("Wachtenden"),
            Cel(wacht["wachtend"], wacht["wachtend"], link=b.link(None, "wachtend")),
            _("kennismaking geweest, begeleiding nog niet gestart"),
        ),
        Tegel(
            _("Dagen wachtend"),
            Cel.gemiddelde(wacht["gemiddeld_dagen"], wacht["wachtend"]),
            _("gemiddeld, sinds de kennismaking"),
        ),
        Tegel(
            _("Kan zelfstandig verder"),
            Cel.aandeel(zelf["aandeel"], zelf["noemer"]),
            _("van de afgesloten trajecten, zonder 'niet van toepassing'"),
        ),
        Tegel(
            _("Rapportcijfer"),
            Cel.gemiddelde(cijfer["gemiddeld"], cijfer["n"]),
            _("gemiddeld, van de afgesloten trajecten met een cijfer"),
        ),
        Tegel(
            _("Vastgesteld plan"),
            Cel.aandeel(plan["aandeel"], plan["in_uitvoering"]),
            _("van de trajecten in uitvoering"),
        ),
        Tegel(
            _("Evaluaties te laat"),
            Cel(eval_["te_laat"], eval_["te_laat"], link=b.link(None, "evaluatie_te_laat")),
            _("nu, van de trajecten in uitvoering"),
        ),
        Tegel(
            _("Huishoudens met aanvullende zorg"),
            Cel.aandeel(zorg["aandeel"], zorg["huishoudens"]),
            _("van de actieve huishoudens"),
        ),
    ]

    # Overview per team (wider scopes) ------------------------------------------------------
    if b.per_team:
        board.secties.append(_overzicht(b))

    board.secties += [
        _instroom(b),
        _snelheid(b),
        _wachtenden(b),
        _duur(b),
        _doelbereik(b),
        _aanvullende_zorg(b),
        _wat_telt(b),
        _plan(b),
        _datakwaliteit(b),
    ]
    onderdruk(
        [Tabel("tegels", "", [], [Rij("tegels", "", [t.cel for t in board.tegels])]), *board.tabellen],
        eigen_team_ids=kijker.eigen_team_ids,
        minimum=kijker.minimum,
        scope_team_id=b.team_id,
    )
    for sectie in board.secties:
        if sectie.grafiek is not None:
            sectie.grafiek = sectie.grafiek()
    return board


def _overzicht(b: _Builder) -> Sectie:
    caseload = b.kpi(kpi.caseload, b.peildatum, per="team")
    aantal = b.kpi(kpi.aantallen, b.periode, per="team")
    snel = b.kpi(kpi.snelheid, b.periode, per="team")
    wacht = b.kpi(kpi.wachtenden, b.peildatum, per="team")
    zelf = b.kpi(kpi.zelfstandig_verder, b.periode, per="team")
    cijfer = b.kpi(kpi.rapportcijfer, b.periode, per="team")
    totals = {
        "caseload": b.kpi(kpi.caseload, b.peildatum)[None],
        "aantal": b.kpi(kpi.aantallen, b.periode)[None],
        "snel": b.kpi(kpi.snelheid, b.periode)[None],
        "wacht": b.kpi(kpi.wachtenden, b.peildatum)[None],
        "zelf": b.kpi(kpi.zelfstandig_verder, b.periode)[None],
        "cijfer": b.kpi(kpi.rapportcijfer, b.periode)[None],
    }

    def cells(g: Groep, _values):
        def get(source, name):
            return totals[name] if g.totaal else (source.get(g.team_id) or {})

        c, a, s = get(caseload, "caseload"), get(aantal, "aantal"), get(snel, "snel")
        w, z, r = get(wacht, "wacht"), get(zelf, "zelf"), get(cijfer, "cijfer")
        return [
            Cel(c.get("trajecten", 0), c.get("trajecten", 0), link=b.link(g, "actief")),
            Cel(a.get("gestart", 0), a.get("gestart", 0), link=b.link(g, "aangemeld")),
            Cel(a.get("afgesloten", 0), a.get("afgesloten", 0), link=b.link(g, "afgesloten")),
            Cel.gemiddelde(s.get("gemiddeld"), s.get("n")),
            Cel.aandeel(s.get("aandeel_binnen_norm"), s.get("n")),
            Cel(w.get("wachtend", 0), w.get("wachtend", 0), link=b.link(g, "wachtend")),
            Cel.aandeel(z.get("aandeel"), z.get("noemer")),
            Cel.gemiddelde(r.get("gemiddeld"), r.get("n")),
        ]

    tabel = Tabel(
        "overzicht.per_team",
        _("Per team"),
        [
            _("Actief"),
            _("Aangemeld"),
            _("Afgesloten"),
            _("Werkdagen (gem.)"),
            _("Binnen de norm"),
            _("Wachtend"),
            _("Kan zelfstandig verder"),
            _("Rapportcijfer"),
        ],
        b.rows({}, cells),
        rij_kop=_("Team"),
    )
    norm = totals["snel"].get("norm") or kpi.NORM_STANDAARD
    return Sectie(
        "overzicht",
        _("Overzicht per team"),
        [tabel],
        lambda: {
            "type": "bar",
            "labels": _labels(tabel),
            "datasets": [{"label": _("Gem. werkdagen tot kennismaking"), "data": _kleur_data(tabel, 3)}],
            "norm": norm,
            "normLabel": _("Norm (%(norm)s werkdagen)") % {"norm": norm},
            "yLabel": _("Werkdagen"),
        },
        _("Actief en wachtend op de peildatum; de rest over de periode."),
    )


def _instroom(b: _Builder) -> Sectie:
    values = b.per_groep(lambda periode, per: b.kpi(kpi.instroom, periode, per))
    per_groep = Tabel(
        "instroom.per_groep",
        _("Aangemeld per team") if b.per_team else _("Aangemeld per maand"),
        [_("Aangemeld")],
        b.rows(values, lambda g, v: [Cel(v.get("aangemeld", 0), v.get("aangemeld", 0), link=b.link(g, "aangemeld"))]),
        rij_kop=b.rij_kop,
    )
    melders = kpi.instroom_per_melder(b.scope, b.periode)
    total = sum(counts[None] for counts in melders.values())
    labels = dict(Melder.choices)
    per_melder = Tabel(
        "instroom.per_melder",
        _("Aangemeld per melder"),
        [_("Aangemeld"), _("Aandeel")],
        [
            Rij(
                f"melder:{code}",
                str(labels.get(code, code)),
                [
                    Cel(counts[None], counts[None], link=b.link(None, "aangemeld", "melder", code)),
                    Cel.aandeel(counts[None] / total if total else None, counts[None]),
                ],
            )
            for code, counts in sorted(melders.items(), key=lambda item: -item[1][None])
        ],
        rij_kop=_("Melder"),
    )
    return Sectie(
        "instroom",
        _("Instroom"),
        [per_groep, per_melder],
        lambda: {
            "type": "bar",
            "labels": _labels(per_groep),
            "datasets": [{"label": _("Aangemeld"), "data": _kleur_data(per_groep, 0)}],
            "yLabel": _("Trajecten"),
        },
        _("Trajecten aangemeld in de periode, per melder zoals vastgelegd bij de aanmelding."),
    )


def _snelheid(b: _Builder) -> Sectie:
    values = b.per_groep(lambda periode, per: b.kpi(kpi.snelheid, periode, per))

    def cells(g, v):
        n = v.get("n", 0)
        outside = n - v.get("binnen_norm", 0)
        return [
            Cel(n, n, link=b.link(g, "kennismaking")),
            Cel.gemiddelde(v.get("gemiddeld"), n),
            Cel.gemiddelde(v.get("mediaan"), n),
            Cel.aandeel(v.get("aandeel_binnen_norm"), n),
            Cel(outside, outside, link=b.link(g, "kennismaking", "norm", "buiten")),
        ]

    tabel = Tabel(
        "snelheid.per_groep",
        _("Werkdagen van aanmelding tot kennismaking"),
        [_("Kennismakingen"), _("Gemiddeld"), _("Mediaan"), _("Binnen de norm"), _("Buiten de norm")],
        b.rows(values, cells),
        rij_kop=b.rij_kop,
    )
    norm = values["totaal"].get("norm") or kpi.NORM_STANDAARD
    return Sectie(
        "snelheid",
        _("Snelheid"),
        [tabel],
        lambda: {
            "type": "bar",
            "labels": _labels(tabel),
            "datasets": [{"label": _("Gemiddeld aantal werkdagen"), "data": _kleur_data(tabel, 1)}],
            "norm": norm,
            "normLabel": _("Norm (%(norm)s werkdagen)") % {"norm": norm},
            "yLabel": _("Werkdagen"),
        },
        _(
            "Over trajecten waarvan de kennismaking in de periode was. Werkdagen na de aanmelddag tot en met de "
            "kennismaking, zonder weekenden en feestdagen; binnen de norm is hoogstens %(norm)s werkdagen."
        )
        % {"norm": norm},
    )


def _wachtenden(b: _Builder) -> Sectie:
    def merged(wacht: dict, start: dict) -> dict:
        return {**wacht, "gestart": start.get("n", 0), "gestart_gemiddeld": start.get("gemiddeld_dagen")}

    if b.per_team:
        wacht = b.kpi(kpi.wachtenden, b.peildatum, per="team")
        start = b.kpi(kpi.wachttijd_tot_begeleiding, b.periode, per="team")
        wacht[None] = b.kpi(kpi.wachtenden, b.peildatum)[None]
        start[None] = b.kpi(kpi.wachttijd_tot_begeleiding, b.periode)[None]
        values = {g.sleutel: merged(wacht.get(g.team_id) or {}, start.get(g.team_id) or {}) for g in b.groepen}
    else:
        values = {
            g.sleutel: merged(
                b.kpi(kpi.wachtenden, min(b.peildatum, g.periode.tot))[None],
                b.kpi(kpi.wachttijd_tot_begeleiding, g.periode)[None],
            )
            for g in b.groepen
        }

    def cells(g, v):
        wachtend = v.get("wachtend", 0)
        return [
            Cel(wachtend, wachtend, link=b.link(g, "wachtend")),
            Cel.gemiddelde(v.get("gemiddeld_dagen"), wachtend),
            Cel.aantal(v.get("langer_dan_100_dagen")),
            Cel.aantal(v.get("gestart")),
            Cel.gemiddelde(v.get("gestart_gemiddeld"), v.get("gestart")),
        ]

    tabel = Tabel(
        "wachtenden.per_groep",
        _("Wachtenden en wachttijd tot de begeleiding"),
        [
            _("Wachtend (einde periode)"),
            _("Gem. dagen wachtend"),
            _("Langer dan 100 dagen"),
            _("Begeleiding gestart"),
            _("Gem. dagen kennismaking tot start"),
        ],
        b.rows(values, cells),
        rij_kop=b.rij_kop,
    )
    return Sectie(
        "wachtenden",
        _("Wachtenden"),
        [tabel],
        lambda: {
            "type": "bar",
            "labels": _labels(tabel),
            "datasets": [{"label": _("Wachtend"), "data": _kleur_data(tabel, 0)}],
            "yLabel": _("Trajecten"),
        },
        _(
            "Wachtend: de kennismaking is geweest, de begeleiding nog niet gestart, op de laatste dag van de maand "
            "(of de peildatum). Dagen zijn kalenderdagen."
        ),
    )


def _duur(b: _Builder) -> Sectie:
    closed = kpi.duur_afgesloten(b.scope, b.periode)[None]
    running = kpi.duur_lopend(b.scope, b.peildatum)[None]
    tabel = Tabel(
        "duur",
        _("Duur in hele maanden vanaf de aanmelding"),
        [_("Afgesloten in de periode"), _("Aandeel"), _("Actief op de peildatum"), _("Aandeel")],
        [
            Rij(
                f"duur:{code}",
                str(label),
                [
                    Cel(closed[code], closed[code], link=b.link(None, "afgesloten", "duur", code)),
                    Cel.aandeel(closed[f"aandeel_{code}"], closed[code]),
                    Cel(running[code], running[code], link=b.link(None, "actief", "duur", code)),
                    Cel.aandeel(running[f"aandeel_{code}"], running[code]),
                ],
            )
            for code, label, *_rest in kpi.DUUR_KLASSEN
        ]
        + [
            Rij(
                "totaal",
                _("Totaal"),
                [Cel.aantal(closed["n"]), Cel.aandeel(None, 0), Cel.aantal(running["n"]), Cel.aandeel(None, 0)],
                totaal=True,
            )
        ],
        rij_kop=_("Duur"),
    )
    return Sectie(
        "duur",
        _("Duur"),
        [tabel],
        lambda: {
            "type": "bar",
            "labels": _labels(tabel),
            "datasets": [
                {"label": _("Afgesloten in de periode (%)"), "data": _kleur_data(tabel, 1)},
                {"label": _("Actief op de peildatum (%)"), "data": _kleur_data(tabel, 3)},
            ],
            "percent": True,
            "yLabel": _("Aandeel"),
        },
        _("Korter dan 12 maanden, 12 tot 24 maanden, 24 maanden of langer."),
    )


def _doelbereik(b: _Builder) -> Sectie:
    redenen = kpi.afsluitredenen(b.scope, b.periode)[None]
    afgesloten = redenen["afgesloten"]
    reden_tabel = Tabel(
        "afsluitredenen",
        _("Afgesloten per afsluitreden"),
        [_("Afgesloten"), _("Aandeel")],
        [
            Rij(
                f"reden:{reden.value}",
                str(reden.label),
                [
                    Cel(
                        redenen[reden.value],
                        redenen[reden.value],
                        link=b.link(None, "afgesloten", "afsluitreden", reden.value),
                    ),
                    Cel.aandeel(redenen[reden.value] / afgesloten if afgesloten else None, redenen[reden.value]),
                ],
            )
            for reden in Afsluitreden
        ]
        + [
            Rij(
                "totaal",
                _("Totaal"),
                [
                    Cel(afgesloten, afgesloten, link=b.link(None, "afgesloten")),
                    Cel.aandeel(1.0 if afgesloten else None, afgesloten),
                ],
                totaal=True,
            )
        ],
        rij_kop=_("Afsluitreden"),
    )
    zelf = b.kpi(kpi.zelfstandig_verder, b.periode)[None]
    zelf_tabel = Tabel(
        "zelfstandig",
        _("Kan zelfstandig verder"),
        [_("Afgesloten")],
        [
            Rij(
                f"zelfstandig:{value}",
                str(label),
                [Cel(zelf[key], zelf[key], link=b.link(None, "afgesloten", "zelfstandig_verder", value))],
            )
            for value, label, key in [
                (ZelfstandigVerder.JA, ZelfstandigVerder.JA.label, "ja"),
                (ZelfstandigVerder.NEE, ZelfstandigVerder.NEE.label, "nee"),
                (ZelfstandigVerder.ONBEKEND, _("Onbekend (of niet ingevuld)"), "onbekend"),
                (ZelfstandigVerder.NIET_VAN_TOEPASSING, ZelfstandigVerder.NIET_VAN_TOEPASSING.label, "nvt"),
            ]
        ]
        + [
            Rij(
                "aandeel",
                _("Aandeel ja (zonder 'niet van toepassing')"),
                [Cel.aandeel(zelf["aandeel"], zelf["noemer"])],
                totaal=True,
            )
        ],
        rij_kop=_("Antwoord"),
    )
    values = b.per_groep(lambda periode, per: b.kpi(kpi.rapportcijfer, periode, per))
    cijfer_tabel = Tabel(
        "rapportcijfer.per_groep",
        _("Rapportcijfer"),
        [_("Cijfers"), _("Gemiddeld"), _("Onvoldoende"), _("Aandeel onvoldoende")],
        b.rows(
            values,
            lambda g, v: [
                Cel.aantal(v.get("n")),
                Cel.gemiddelde(v.get("gemiddeld"), v.get("n")),
                Cel(
                    v.get("onvoldoende", 0),
                    v.get("onvoldoende", 0),
                    link=b.link(g, "afgesloten", "cijfer", "onvoldoende"),
                ),
                Cel.aandeel(v.get("aandeel_onvoldoende"), v.get("n")),
            ],
        ),
        rij_kop=b.rij_kop,
    )
    return Sectie(
        "doelbereik",
        _("Afsluiten en doelbereik"),
        [reden_tabel, zelf_tabel, cijfer_tabel],
        lambda: {
            "type": "bar",
            "horizontal": True,
            "labels": _labels(reden_tabel),
            "datasets": [{"label": _("Afgesloten"), "data": _kleur_data(reden_tabel, 0)}],
            "yLabel": _("Trajecten"),
        },
        _(
            "Over trajecten afgesloten in de periode. Een heropend traject telt bij zijn laatste afsluiting. "
            "Kan zelfstandig verder: ja ÷ (ja + nee + onbekend)."
        ),
    )


def _aanvullende_zorg(b: _Builder) -> Sectie:
    zorgvormen = dict(Zorgvorm.choices)
    rows = kpi.verwijzingen(b.scope, b.periode, per="zorgvorm")
    verwijzingen = Tabel(
        "verwijzingen.per_zorgvorm",
        _("Verwijzingen per zorgvorm"),
        [_("Verwijzingen"), _("Gem. dagen aanmelding tot start zorg")],
        [
            Rij(
                f"zorgvorm:{row['zorgvorm']}",
                str(zorgvormen.get(row["zorgvorm"], row["zorgvorm"])),
                [Cel.aantal(row["n"]), Cel.gemiddelde(row["dagen"], row["n"])],
            )
            for row in rows
        ],
        rij_kop=_("Zorgvorm"),
    )
    aanvragen = rapport.aanvragen_tabel(b.scope, b.periode)
    return Sectie(
        "aanvullende_zorg",
        _("Aanvullende zorg"),
        [verwijzingen, aanvragen],
        lambda: {
            "type": "bar",
            "horizontal": True,
            "labels": _labels(verwijzingen),
            "datasets": [{"label": _("Verwijzingen"), "data": _kleur_data(verwijzingen, 0)}],
            "yLabel": _("Verwijzingen"),
        },
        _("Verwijzingen waarvan de zorg in de periode startte; aanvragen ingediend en besloten in de periode."),
    )


def _wat_telt(b: _Builder) -> Sectie:
    if b.per_team:
        per_team = kpi.wat_telt_metingen(b.scope, b.periode, per="team")
        total = kpi.wat_telt_metingen(b.scope, b.periode)[None]
        values = {g.sleutel: total if g.totaal else (per_team.get(g.team_id) or {}) for g in b.groepen}
    else:
        values = {g.sleutel: kpi.wat_telt_metingen(b.scope, g.periode)[None] for g in b.groepen}
    metingen = Tabel(
        "wattelt.metingen",
        _("Wat Telt-metingen"),
        [_("Metingen"), _("Digitaal"), _("Papier"), _("Cliënten")],
        b.rows(
            values,
            lambda g, v: [
                Cel.aantal(v.get("metingen")),
                Cel.aantal(v.get("digitaal")),
                Cel.aantal(v.get("papier")),
                Cel.aantal(v.get("clienten")),
            ],
        ),
        rij_kop=b.rij_kop,
    )
    verandering = Tabel(
        "wattelt.verandering",
        _("Gemiddelde verandering per leefgebied"),
        [_("Cliënten"), _("Verandering (punten)")],
        [
            Rij(
                f"leefgebied:{row['leefgebied']}",
                row["naam"],
                [Cel.aantal(row["clienten"]), Cel.gemiddelde(row["gemiddelde_verandering"], row["clienten"])],
            )
            for row in kpi.wat_telt_verandering(b.scope, b.periode)
        ],
        _("Eigen score van de cliënt, eerste tegen laatste meting, op een schaal van 0 tot 10."),
        _("Leefgebied"),
    )
    return Sectie(
        "wat_telt",
        _("Wat Telt"),
        [metingen, verandering],
        lambda: {
            "type": "bar",
            "stacked": True,
            "labels": _labels(metingen),
            "datasets": [
                {"label": _("Digitaal"), "data": _kleur_data(metingen, 1)},
                {"label": _("Papier"), "data": _kleur_data(metingen, 2)},
            ],
            "yLabel": _("Metingen"),
        },
        _("Metingen gehouden in de periode. Verandering: cliënten van wie de laatste meting in de periode viel."),
    )


def _plan(b: _Builder) -> Sectie:
    if b.per_team:
        plans = b.kpi(kpi.plan_vastgesteld, b.peildatum, per="team")
        evals = b.kpi(kpi.evaluaties_te_laat, b.peildatum, per="team")
        plan_total = b.kpi(kpi.plan_vastgesteld, b.peildatum)[None]
        eval_total = b.kpi(kpi.evaluaties_te_laat, b.peildatum)[None]
        values = {
            g.sleutel: {
                "plan": plan_total if g.totaal else (plans.get(g.team_id) or {}),
                "eval": eval_total if g.totaal else (evals.get(g.team_id) or {}),
            }
            for g in b.groepen
        }
        groepen_rows = b.rows(values, lambda g, v: _plan_cells(b, g, v))
    else:
        values = {
            "totaal": {
                "plan": b.kpi(kpi.plan_vastgesteld, b.peildatum)[None],
                "eval": b.kpi(kpi.evaluaties_te_laat, b.peildatum)[None],
            }
        }
        total = next(g for g in b.groepen if g.totaal)
        groepen_rows = [Rij("totaal", b.scope.label, _plan_cells(b, total, values["totaal"]), totaal=True)]
    tabel = Tabel(
        "plan",
        _("Plan en evaluaties"),
        [_("In uitvoering"), _("Met vastgesteld plan"), _("Aandeel"), _("Evaluatie te laat (nu)")],
        groepen_rows,
        rij_kop=b.rij_kop,
    )
    return Sectie(
        "plan",
        _("Plan en evaluaties"),
        [tabel],
        None,
        _(
            "In uitvoering op de peildatum, met een plan dat toen was vastgesteld. Evaluatie te laat: de geplande "
            "evaluatie van het plan ligt vóór de peildatum (de huidige planning)."
        ),
    )


def _plan_cells(b: _Builder, g: Groep, v: dict) -> list[Cel]:
    plan, ev = v["plan"], v["eval"]
    return [
        Cel.aantal(plan.get("in_uitvoering")),
        Cel.aantal(plan.get("met_plan")),
        Cel.aandeel(plan.get("aandeel"), plan.get("in_uitvoering")),
        Cel(ev.get("te_laat", 0), ev.get("te_laat", 0), link=b.link(g, "evaluatie_te_laat")),
    ]


def _datakwaliteit(b: _Builder) -> Sectie:
    row = kpi.datakwaliteit(b.scope, b.periode)[None]
    tabel = Tabel(
        "datakwaliteit",
        _("Datakwaliteit"),
        [_("Trajecten"), _("Van de lopende trajecten")],
        [
            Rij(
                f"controle:{code}",
                str(label),
                [
                    Cel(row[code], row[code], link=b.link(None, f"datakwaliteit.{code}")),
                    Cel.aandeel(row[code] / row["lopend"] if row["lopend"] else None, row[code]),
                ],
            )
            for code, (label, _condition) in kpi.DATAKWALITEIT.items()
        ],
        rij_kop=_("Controle"),
    )
    return Sectie(
        "datakwaliteit",
        _("Datakwaliteit"),
        [tabel],
        None,
        _("Over de trajecten die in de periode liepen. Klik door om ze aan te vullen (alleen in je eigen teams)."),
    )
