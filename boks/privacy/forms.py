"""Forms check the shape of what is typed; the services decide the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boks.dossiers.forms import DateInput

from .choices import AvgSoort, ExternStatus, SoortGrondslag, SoortVerzoeker, VernietigingStatus


class ExternVerzoekForm(forms.Form):
    soort_verzoeker = forms.ChoiceField(label=_("Wie vraagt de gegevens?"), choices=SoortVerzoeker.choices)
    verzoeker = forms.CharField(
        label=_("Organisatie"), max_length=200, help_text=_("Bijvoorbeeld 'Gemeente Utrecht, Team Handhaving'.")
    )
    contactpersoon = forms.CharField(label=_("Contactpersoon"), max_length=200)
    contact_email = forms.EmailField(label=_("E-mailadres contactpersoon"), required=False)
    contact_telefoon = forms.CharField(label=_("Telefoon contactpersoon"), max_length=30, required=False)
    kenmerk = forms.CharField(label=_("Hun kenmerk"), max_length=100, required=False)
    persoon = forms.TypedChoiceField(
        label=_("Over wie?"), coerce=int, required=False, empty_value=None, help_text=_("Leeg: het hele huishouden.")
    )
    grondslag_soort = forms.ChoiceField(label=_("Soort grondslag"), choices=SoortGrondslag.choices)
    grondslag = forms.CharField(
        label=_("Wettelijke grondslag"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Het wetsartikel waarop de verzoeker zich beroept, en waarom het hier geldt."),
    )
    gevraagde_gegevens = forms.CharField(
        label=_("Welke gegevens worden gevraagd?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Over welke periode, welke soort gegevens, en waarvoor."),
    )
    ontvangen_op = forms.DateField(label=_("Ontvangen op"), widget=DateInput(), initial=timezone.localdate)
    termijn = forms.DateField(label=_("Uiterlijk verstrekken op"), widget=DateInput())

    def __init__(self, *args, personen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.personen = {persoon.pk: persoon for persoon in personen}
        self.fields["persoon"].choices = [("", _("Het hele huishouden"))] + [
            (persoon.pk, persoon.volledige_naam) for persoon in personen
        ]

    def clean(self):
        data = super().clean()
        if data.get("ontvangen_op") and data.get("termijn") and data["termijn"] < data["ontvangen_op"]:
            self.add_error("termijn", _("De termijn ligt vóór de dag waarop het verzoek binnenkwam."))
        return data

    def data_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["persoon"] = self.personen.get(data["persoon"]) if data["persoon"] else None
        return data


class SamenstellenForm(forms.Form):
    items = forms.MultipleChoiceField(label=_("Te verstrekken gegevens"), required=False)

    def __init__(self, *args, kandidaten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(f"{k.soort}:{k.object_id}", k.omschrijving) for k in kandidaten]

    def gekozen(self) -> dict[str, list[int]]:
        chosen: dict[str, list[int]] = {}
        for value in self.cleaned_data["items"]:
            soort, _sep, pk = value.partition(":")
            chosen.setdefault(soort, []).append(int(pk))
        return chosen


class StapForm(forms.Form):
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    gesprek_op = forms.DateField(
        label=_("Nagesprek met leidinggevende en verzoeker gehouden op"), widget=DateInput(), required=False
    )

    def __init__(self, *args, stap=None, **kwargs):
        super().__init__(*args, **kwargs)
        if stap is not None:
            self.fields["toelichting"].label = stap.vraag or _("Toelichting")
            self.fields["toelichting"].required = stap.verplicht
        if stap is None or stap.name != "afronden":
            del self.fields["gesprek_op"]


class ExternFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Alle")), *ExternStatus.choices], required=False)


class AvgFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=[("", _("Alle")), *AvgSoort.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Alle")),
            ("ingediend", _("Open")),
            ("toegewezen", _("Toegewezen")),
            ("afgewezen", _("Afgewezen")),
            ("uitgevoerd", _("Uitgevoerd")),
        ],
        required=False,
    )


class _AvgInhoud(forms.Form):
    soort = forms.ChoiceField(label=_("Wat vraagt de betrokkene?"), choices=AvgSoort.choices, widget=forms.RadioSelect)
    aanvrager_toelichting = forms.CharField(
        label=_("Gevraagd namens of door"),
        max_length=200,
        required=False,
        help_text=_("Alleen als een ander dan de betrokkene het vroeg, bijvoorbeeld 'moeder met gezag' of 'voogd'."),
    )
    ontvangen_op = forms.DateField(label=_("Ontvangen op"), widget=DateInput(), initial=timezone.localdate)
    waar = forms.CharField(label=_("Waar staat het?"), max_length=200, required=False)
    wat_onjuist = forms.CharField(
        label=_("Wat klopt er niet?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    wat_juist = forms.CharField(label=_("Wat moet het zijn?"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AvgRegistratieForm(_AvgInhoud):
    """From the traject's Privacy tab: the worker knows the family and picks the person."""

    persoon = forms.TypedChoiceField(label=_("Over wie gaat het verzoek?"), coerce=int)
    field_order = ["persoon", "soort"]

    def __init__(self, *args, personen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.personen = {persoon.pk: persoon for persoon in personen}
        self.fields["persoon"].choices = [(p.pk, p.volledige_naam) for p in personen]


class AvgNummerForm(_AvgInhoud):
    """For the privacyfunctionaris, who does not browse dossiers: the dossiernummer and date of birth
    from the letter identify the person."""

    dossiernummer = forms.CharField(label=_("Dossiernummer"), max_length=20)
    geboortedatum = forms.DateField(label=_("Geboortedatum van de betrokkene"), widget=DateInput())
    voornaam = forms.CharField(
        label=_("Voornaam van de betrokkene"),
        max_length=100,
        required=False,
        help_text=_("Alleen nodig als twee gezinsleden op dezelfde dag zijn geboren."),
    )
    field_order = ["dossiernummer", "geboortedatum", "voornaam", "soort"]


class AvgBesluitForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("toewijzen", _("Toewijzen")), ("afwijzen", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label=_("Toelichting voor de cliënt"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Wat is verbeterd, of waarom het verzoek wordt afgewezen. Schrijf in eenvoudige taal."),
    )

    def __init__(self, *args, soort: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if soort == AvgSoort.VERBETERING:
            self.fields["besluit"].choices = [("toewijzen", _("Verbeterd")), ("afwijzen", _("Afwijzen"))]
        elif soort == AvgSoort.VERNIETIGING:
            self.fields["besluit"].choices = [("toewijzen", _("Vernietigen")), ("afwijzen", _("Afwijzen"))]
        elif soort == AvgSoort.INZAGE:
            self.fields["besluit"].choices = [("afwijzen", _("Afwijzen"))]


class BewaarLangerForm(forms.Form):
    tot = forms.DateField(label=_("Bewaren tot"), widget=DateInput())
    reden = forms.CharField(
        label=_("Waarom langer bewaren?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld een lopende procedure of een verzoek van de cliënt zelf."),
    )


class VernietigingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Toon"), choices=VernietigingStatus.choices, required=False, initial=VernietigingStatus.VOORGESTELD
    )


# The portal -------------------------------------------------------------------------------------


class ClientVerzoekForm(forms.Form):
    persoon = forms.TypedChoiceField(label=_("Over wie gaat het?"), coerce=int, widget=forms.RadioSelect)
    waar = forms.CharField(
        label=_("Waar staat het?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld 'Mijn plan' of 'Tijdlijn, 12 maart'."),
    )
    wat_onjuist = forms.CharField(
        label=_("Wat klopt er niet?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    wat_juist = forms.CharField(label=_("Wat moet het zijn?"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    toelichting = forms.CharField(
        label=_("Wilt u iets uitleggen?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, soort: str, personen=(), viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].choices = [
            (p.pk, _("Ikzelf") if viewer is not None and p.pk == viewer.pk else p.voornaam) for p in personen
        ]
        if viewer is not None and any(p.pk == viewer.pk for p in personen):
            self.fields["persoon"].initial = viewer.pk
        elif len(self.fields["persoon"].choices) == 1:
            self.fields["persoon"].initial = self.fields["persoon"].choices[0][0]
        if soort == AvgSoort.VERBETERING:
            self.fields["wat_onjuist"].required = True
            self.fields["wat_juist"].required = True
            del self.fields["toelichting"]
        else:
            for name in ("waar", "wat_onjuist", "wat_juist"):
                del self.fields[name]
            if soort == AvgSoort.VERNIETIGING:
                self.fields["toelichting"].label = _("Waarom wilt u dat de gegevens weg gaan?")
                self.fields["toelichting"].help_text = _("U hoeft dit niet uit te leggen. Het helpt wel.")
