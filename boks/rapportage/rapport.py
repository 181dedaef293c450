"""The quarterly (and yearly) report pack: the tables the buurtteams publish (DOMAIN.md §7, the
appendices Aantal, Snelheid, Bereik, Instroom, Doorstroom and Doelbereik), for one organisation and
period. The columns are the period's parts (the months of a quarter, the quarters of a year) and
the period as a whole; the peildatum of a period is its last day."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boks.accounts.models import Organisatie, Team, Wijk
from boks.dossiers.choices import Afsluitreden, Melder, ZelfstandigVerder
from boks.maatwerk.choices import Zorgvorm

from . import kpi
from .periods import Periode
from .tabellen import Cel, Rij, Tabel

BIJLAGEN = [
    ("aantal", gettext_lazy("Bijlage 1 – Aantal")),
    ("snelheid", gettext_lazy("Bijlage 2 – Snelheid")),
    ("bereik", gettext_lazy("Bijlage 3 – Bereik")),
    ("instroom", gettext_lazy("Bijlage 4 – Instroom")),
    ("doorstroom", gettext_lazy("Bijlage 5 – Doorstroom")),
    ("doelbereik", gettext_lazy("Bijlage 6 – Doelbereik")),
]


@dataclass
class Rapport:
    organisatie: Organisatie
    periode: Periode
    tabellen: list[Tabel]

    def bijlagen(self) -> list[tuple[str, list[Tabel]]]:
        return [(titel, [t for t in self.tabellen if t.bijlage == code]) for code, titel in BIJLAGEN]

    def as_dict(self) -> dict:
        return {"periode": self.periode.code, "tabellen": [tabel.as_dict() for tabel in self.tabellen]}


def teams_van(organisatie: Organisatie) -> list[Team]:
    """The organisation's active teams, and inactive ones that still have trajecten."""
    return list(
        Team.objects.filter(organisatie=organisatie)
        .filter(Q(actief=True) | Q(trajecten__isnull=False))
        .distinct()
        .order_by("naam")
    )


def _team_rows(teams, values, make_cells, total) -> list[Rij]:
    rows = [Rij(f"team:{team.pk}", team.naam, make_cells(values.get(team.pk)), team_id=team.pk) for team in teams]
    rows.append(Rij("totaal", _("Totaal"), make_cells(total), totaal=True))
    return rows


def _kolommen(periode: Periode) -> list[str]:
    return [deel.kort for deel in periode.delen()] + [periode.kort if periode.soort != "bereik" else _("Periode")]


def bouw(organisatie: Organisatie, periode: Periode) -> Rapport:
    scope = kpi.Scope(organisatie)
    teams = teams_van(organisatie)
    delen = periode.delen()
    peildatum = periode.tot
    tabellen: list[Tabel] = []

    # Bijlage 1: Aantal --------------------------------------------------------------------
    per_team = kpi.aantallen(scope, periode, per="team")
    totaal = kpi.aantallen(scope, periode)[None]

    def aantal_cells(row):
        row = row or {}
        return [Cel.aantal(row.get(k)) for k in ("gestart", "lopend", "afgesloten", "huishoudens", "clienten")]

    tabellen.append(
        Tabel(
            "aantal.per_team",
            _("Gestarte, lopende en afgesloten trajecten per team"),
            [_("Gestart"), _("Lopend"), _("Afgesloten"), _("Unieke huishoudens"), _("Unieke cliënten")],
            _team_rows(teams, per_team, aantal_cells, totaal),
            _(
                "Gestart: aangemeld in de periode. Lopend: op minstens één dag van de periode actief. "
                "Afgesloten: afsluitdatum in de periode. Unieke cliënten: alle gezinsleden van de lopende trajecten."
            ),
            _("Team"),
            "aantal",
        )
    )
    per_deel = [kpi.aantallen(scope, deel)[None] for deel in delen]
    tabellen.append(
        Tabel(
            "aantal.per_deel",
            _("Gestarte, lopende en afgesloten trajecten per maand")
            if periode.soort != "jaar"
            else _("Gestarte, lopende en afgesloten trajecten per kwartaal"),
            [_("Gestart"), _("Lopend"), _("Afgesloten"), _("Unieke cliënten")],
            [
                Rij(
                    deel.code, deel.label, [Cel.aantal(row[k]) for k in ("gestart", "lopend", "afgesloten", "clienten")]
                )
                for deel, row in zip(delen, per_deel, strict=True)
            ]
            + [
                Rij(
                    "totaal",
                    periode.label,
                    [Cel.aantal(totaal[k]) for k in ("gestart", "lopend", "afgesloten", "clienten")],
                    totaal=True,
                )
            ],
            _("Een traject dat in twee maanden loopt, telt in beide maanden één keer mee en in de periode één keer."),
            _("Periode"),
            "aantal",
        )
    )

    # Bijlage 2: Snelheid ------------------------------------------------------------------
    snel_delen = [kpi.snelheid(scope, deel, per="team") for deel in delen]
    snel_delen_totaal = [kpi.snelheid(scope, deel)[None] for deel in delen]
    snel = kpi.snelheid(scope, periode, per="team")
    snel_totaal = kpi.snelheid(scope, periode)[None]

    def snel_row(key, label, parts, whole, team_id=None, is_total=False):
        whole = whole or {"n": 0, "gemiddeld": None, "mediaan": None, "aandeel_binnen_norm": None}
        cells = [Cel.gemiddelde((p or {}).get("gemiddeld"), (p or {}).get("n")) for p in parts]
        cells += [
            Cel.gemiddelde(whole["gemiddeld"], whole["n"]),
            Cel.gemiddelde(whole["mediaan"], whole["n"]),
            Cel.aantal(whole["n"]),
            Cel.aandeel(whole["aandeel_binnen_norm"], whole["n"]),
        ]
        return Rij(key, label, cells, team_id=team_id, totaal=is_total)

    norm = snel_totaal.get("norm") or kpi.NORM_STANDAARD
    tabellen.append(
        Tabel(
            "snelheid.werkdagen",
            _("Werkdagen van aanmelding tot kennismaking per team"),
            [
                *(_("Gem. %(deel)s") % {"deel": deel.kort} for deel in delen),
                _("Gemiddeld"),
                _("Mediaan"),
                _("Kennismakingen"),
                _("Binnen de norm"),
            ],
            [
                snel_row(
                    f"team:{team.pk}",
                    team.naam,
                    [part.get(team.pk) for part in snel_delen],
                    snel.get(team.pk),
                    team_id=team.pk,
                )
                for team in teams
            ]
            + [snel_row("totaal", _("Totaal"), snel_delen_totaal, snel_totaal, is_total=True)],
            _(
                "Over trajecten waarvan de kennismaking in de periode was. Werkdagen: na de aanmelddag tot en met "
                "de kennismaking, zonder weekenden en feestdagen. Binnen de norm: hoogstens %(norm)s werkdagen."
            )
            % {"norm": norm},
            _("Team"),
            "snelheid",
        )
    )
    wacht = kpi.wachtenden(scope, peildatum, per="team")
    wacht_totaal = kpi.wachtenden(scope, peildatum)[None]

    def wacht_cells(row):
        row = row or {"wachtend": 0, "gemiddeld_dagen": None, "langer_dan_100_dagen": 0, "langste_dagen": None}
        return [
            Cel.aantal(row["wachtend"]),
            Cel.gemiddelde(row["gemiddeld_dagen"], row["wachtend"]),
            Cel.aantal(row["langer_dan_100_dagen"]),
            Cel.gemiddelde(row["langste_dagen"], row["wachtend"]),
        ]

    tabellen.append(
        Tabel(
            "snelheid.wachtenden",
            _("Wachtenden op %(datum)s") % {"datum": peildatum.strftime("%d-%m-%Y")},
            [_("Wachtend"), _("Gemiddeld dagen"), _("Langer dan 100 dagen"), _("Langste wachttijd (dagen)")],
            _team_rows(teams, wacht, wacht_cells, wacht_totaal),
            _(
                "Kennismaking geweest, begeleiding nog niet gestart en niet afgesloten. Dagen: kalenderdagen sinds de "
                "kennismaking."
            ),
            _("Team"),
            "snelheid",
        )
    )

    # Bijlage 3: Bereik --------------------------------------------------------------------
    bereik_delen = [kpi.aantallen(scope, deel, per="team") for deel in delen]
    bereik_delen_totaal = [row["clienten"] for row in per_deel]

    def bereik_cells(parts, whole):
        return [Cel.aantal((p or {}).get("clienten")) for p in parts] + [Cel.aantal((whole or {}).get("clienten"))]

    tabellen.append(
        Tabel(
            "bereik.per_team",
            _("Unieke cliënten per team"),
            _kolommen(periode),
            [
                Rij(
                    f"team:{team.pk}",
                    team.naam,
                    bereik_cells([part.get(team.pk) for part in bereik_delen], per_team.get(team.pk)),
                    team_id=team.pk,
                )
                for team in teams
            ]
            + [
                Rij(
                    "totaal",
                    _("Totaal"),
                    [Cel.aantal(v) for v in bereik_delen_totaal] + [Cel.aantal(totaal["clienten"])],
                    totaal=True,
                )
            ],
            _("Alle gezinsleden van de trajecten die in de maand (of periode) liepen, elk één keer."),
            _("Team"),
            "bereik",
        )
    )
    per_wijk = kpi.aantallen(scope, periode, per="wijk")
    wijken = Wijk.objects.in_bulk([key for key in per_wijk if key is not None])
    tabellen.append(
        Tabel(
            "bereik.per_wijk",
            _("Bereik per wijk"),
            [_("Unieke huishoudens"), _("Unieke cliënten"), _("Gestart")],
            [
                Rij(
                    f"wijk:{key}" if key else "wijk:onbekend",
                    wijken[key].naam if key in wijken else _("Wijk onbekend"),
                    [Cel.aantal(row["huishoudens"]), Cel.aantal(row["clienten"]), Cel.aantal(row["gestart"])],
                )
                for key, row in sorted(
                    per_wijk.items(), key=lambda item: wijken[item[0]].naam if item[0] in wijken else "~"
                )
            ]
            + [
                Rij(
                    "totaal",
                    _("Totaal"),
                    [Cel.aantal(totaal["huishoudens"]), Cel.aantal(totaal["clienten"]), Cel.aantal(totaal["gestart"])],
                    totaal=True,
                )
            ],
            _("De wijk waar het huishouden woont; is die niet vastgelegd, dan de wijk van het team."),
            _("Wijk"),
            "bereik",
        )
    )

    # Bijlage 4: Instroom ------------------------------------------------------------------
    group = "maand" if periode.soort != "jaar" else "kwartaal"
    melders = kpi.instroom_per_melder(scope, periode, per=group)
    labels = dict(Melder.choices)
    starts = [deel.van.replace(day=1) for deel in delen]
    instroom_totaal = sum(sum(v.values()) for v in melders.values())

    def instroom_cells(counts: dict):
        whole = sum(counts.values())
        return [Cel.aantal(counts.get(start, 0)) for start in starts] + [
            Cel.aantal(whole),
            Cel.aandeel(whole / instroom_totaal if instroom_totaal else None, whole),
        ]

    melder_rows = sorted(melders.items(), key=lambda item: -sum(item[1].values()))
    totals_per_start: dict = {}
    for counts in melders.values():
        for start, count in counts.items():
            totals_per_start[start] = totals_per_start.get(start, 0) + count
    tabellen.append(
        Tabel(
            "instroom.per_melder",
            _("Gestarte trajecten per melder"),
            [*_kolommen(periode), _("Aandeel")],
            [Rij(f"melder:{code}", str(labels.get(code, code)), instroom_cells(counts)) for code, counts in melder_rows]
            + [Rij("totaal", _("Totaal"), instroom_cells(totals_per_start), totaal=True)],
            _("Per melder zoals vastgelegd bij de aanmelding; 'Onbekend / geen melder' staat er apart in."),
            _("Melder"),
            "instroom",
        )
    )
    per_part_team = [kpi.instroom(scope, deel, per="team") for deel in delen]
    instroom_per_team = kpi.instroom(scope, periode, per="team")
    tabellen.append(
        Tabel(
            "instroom.per_team",
            _("Gestarte trajecten per team"),
            _kolommen(periode),
            [
                Rij(
                    f"team:{team.pk}",
                    team.naam,
                    [Cel.aantal((part.get(team.pk) or {}).get("aangemeld")) for part in per_part_team]
                    + [Cel.aantal((instroom_per_team.get(team.pk) or {}).get("aangemeld"))],
                    team_id=team.pk,
                )
                for team in teams
            ]
            + [
                Rij(
                    "totaal",
                    _("Totaal"),
                    [Cel.aantal(row["gestart"]) for row in per_deel] + [Cel.aantal(totaal["gestart"])],
                    totaal=True,
                )
            ],
            "",
            _("Team"),
            "instroom",
        )
    )

    # Bijlage 5: Doorstroom ----------------------------------------------------------------
    per_aanbieder_deel = [
        {row["aanbieder"]: row["n"] for row in kpi.verwijzingen(scope, deel, per="aanbieder")} for deel in delen
    ]
    per_aanbieder = kpi.verwijzingen(scope, periode, per="aanbieder")
    tabellen.append(
        Tabel(
            "doorstroom.per_aanbieder",
            _("Verwijzingen naar aanvullende zorg per aanbieder"),
            _kolommen(periode),
            [
                Rij(
                    f"aanbieder:{row['aanbieder']}",
                    row["aanbieder"],
                    [Cel.aantal(part.get(row["aanbieder"], 0)) for part in per_aanbieder_deel] + [Cel.aantal(row["n"])],
                )
                for row in per_aanbieder
            ]
            + [
                Rij(
                    "totaal",
                    _("Totaal"),
                    [Cel.aantal(sum(part.values())) for part in per_aanbieder_deel]
                    + [Cel.aantal(sum(row["n"] for row in per_aanbieder))],
                    totaal=True,
                )
            ],
            _("Verwijzingen waarvan de zorg in de periode startte."),
            _("Aanbieder"),
            "doorstroom",
        )
    )
    zorgvormen = dict(Zorgvorm.choices)
    per_zorgvorm = kpi.verwijzingen(scope, periode, per="zorgvorm")
    tabellen.append(
        Tabel(
            "doorstroom.per_zorgvorm",
            _("Verwijzingen per zorgvorm"),
            [_("Verwijzingen"), _("Gem. dagen aanmelding tot start zorg")],
            [
                Rij(
                    f"zorgvorm:{row['zorgvorm']}",
                    str(zorgvormen.get(row["zorgvorm"], row["zorgvorm"])),
                    [Cel.aantal(row["n"]), Cel.gemiddelde(row["dagen"], row["n"])],
                )
                for row in per_zorgvorm
            ],
            "",
            _("Zorgvorm"),
            "doorstroom",
        )
    )
    tabellen.append(aanvragen_tabel(scope, periode, bijlage="doorstroom"))

    # Bijlage 6: Doelbereik ----------------------------------------------------------------
    redenen = [kpi.afsluitredenen(scope, deel)[None] for deel in delen]
    redenen_totaal = kpi.afsluitredenen(scope, periode)[None]

    def reden_cells(code):
        return [Cel.aantal(part[code]) for part in redenen] + [
            Cel.aantal(redenen_totaal[code]),
            Cel.aandeel(
                redenen_totaal[code] / redenen_totaal["afgesloten"] if redenen_totaal["afgesloten"] else None,
                redenen_totaal[code],
            ),
        ]

    tabellen.append(
        Tabel(
            "doelbereik.afsluitreden",
            _("Afgesloten trajecten per afsluitreden"),
            [*_kolommen(periode), _("Aandeel")],
            [Rij(f"reden:{reden.value}", str(reden.label), reden_cells(reden.value)) for reden in Afsluitreden]
            + [Rij("totaal", _("Totaal"), reden_cells("afgesloten"), totaal=True)],
            _("Afgesloten: afsluitdatum in de periode. Een heropend traject telt bij zijn laatste afsluiting."),
            _("Afsluitreden"),
            "doelbereik",
        )
    )
    zelf = [kpi.zelfstandig_verder(scope, deel)[None] for deel in delen]
    zelf_totaal = kpi.zelfstandig_verder(scope, periode)[None]
    zelf_labels = {
        "ja": ZelfstandigVerder.JA.label,
        "nee": ZelfstandigVerder.NEE.label,
        "onbekend": _("Onbekend (of niet ingevuld)"),
        "nvt": ZelfstandigVerder.NIET_VAN_TOEPASSING.label,
        "afgesloten": _("Totaal afgesloten"),
    }
    rows = [
        Rij(
            f"zelfstandig:{code}",
            str(label),
            [Cel.aantal(part[code]) for part in zelf] + [Cel.aantal(zelf_totaal[code])],
            totaal=code == "afgesloten",
        )
        for code, label in zelf_labels.items()
    ]
    rows.append(
        Rij(
            "zelfstandig:aandeel",
            _("Aandeel ja (zonder 'niet van toepassing')"),
            [Cel.aandeel(part["aandeel"], part["noemer"]) for part in zelf]
            + [Cel.aandeel(zelf_totaal["aandeel"], zelf_totaal["noemer"])],
            totaal=True,
        )
    )
    tabellen.append(
        Tabel(
            "doelbereik.zelfstandig",
            _("Kan verder zonder begeleiding"),
            _kolommen(periode),
            rows,
            _(
                "Aandeel ja = ja ÷ (ja + nee + onbekend). 'Niet van toepassing' telt niet mee in de noemer; "
                "'onbekend' wel: een onbekende uitkomst is geen succes."
            ),
            _("Kan zelfstandig verder"),
            "doelbereik",
        )
    )
    cijfers = [kpi.rapportcijfer(scope, deel)[None] for deel in delen]
    cijfer_totaal = kpi.rapportcijfer(scope, periode)[None]

    def cijfer_cells(row):
        return [
            Cel.aantal(row["n"]),
            Cel.gemiddelde(row["gemiddeld"], row["n"]),
            Cel.aantal(row["onvoldoende"]),
            Cel.aandeel(row["aandeel_onvoldoende"], row["n"]),
        ]

    tabellen.append(
        Tabel(
            "doelbereik.rapportcijfer",
            _("Klantwaardering (rapportcijfer)"),
            [_("Cijfers gegeven"), _("Gemiddeld"), _("Onvoldoende (< 6)"), _("Aandeel onvoldoende")],
            [Rij(deel.code, deel.label, cijfer_cells(row)) for deel, row in zip(delen, cijfers, strict=True)]
            + [Rij("totaal", periode.label, cijfer_cells(cijfer_totaal), totaal=True)],
            _("Over afgesloten trajecten met een rapportcijfer; het cijfer is niet verplicht."),
            _("Periode"),
            "doelbereik",
        )
    )
    duur = kpi.duur_afgesloten(scope, periode)[None]
    tabellen.append(
        Tabel(
            "doelbereik.duur",
            _("Duur van de afgesloten trajecten"),
            [_("Trajecten"), _("Aandeel")],
            [
                Rij(
                    f"duur:{code}",
                    str(label),
                    [Cel.aantal(duur[code]), Cel.aandeel(duur[f"aandeel_{code}"], duur[code])],
                )
                for code, label, *_rest in kpi.DUUR_KLASSEN
            ]
            + [
                Rij(
                    "totaal",
                    _("Totaal"),
                    [Cel.aantal(duur["n"]), Cel.aandeel(1.0 if duur["n"] else None, duur["n"])],
                    totaal=True,
                )
            ],
            _("Hele maanden van aanmelding tot afsluiting."),
            _("Duur"),
            "doelbereik",
        )
    )
    return Rapport(organisatie, periode, tabellen)


def aanvragen_tabel(scope: kpi.Scope, periode: Periode, *, bijlage: str = "") -> Tabel:
    rows = kpi.aanvragen(scope, periode)
    return Tabel(
        "doorstroom.aanvragen",
        _("Aanvragen per soort en besluit"),
        [
            _("Ingediend"),
            _("Besloten"),
            _("Toegekend"),
            _("Gedeeltelijk"),
            _("Afgewezen"),
            _("Gem. werkdagen tot besluit"),
            _("Binnen de norm"),
            _("Nog open"),
        ],
        [
            Rij(
                f"soort:{row['soort_naam']}",
                row["soort_naam"],
                [
                    Cel.aantal(row["ingediend"]),
                    Cel.aantal(row["besloten"]),
                    Cel.aantal(row["toegekend"]),
                    Cel.aantal(row["gedeeltelijk"]),
                    Cel.aantal(row["afgewezen"]),
                    Cel.gemiddelde(row["doorlooptijd"], row["besloten"]),
                    Cel.aandeel(row["aandeel_binnen_norm"], row["besloten"]),
                    Cel.aantal(row["open"]),
                ],
            )
            for row in rows
        ],
        _(
            "Ingediend en besloten in de periode; nog open: nu ingediend, in behandeling of wachtend op informatie. "
            "Werkdagen tot besluit zonder de dagen gewacht op informatie."
        ),
        _("Soort aanvraag"),
        bijlage,
    )
