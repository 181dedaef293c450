"""Forms validate the shape of input; the rules live in services.py and statusflow.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from boks.widgets import DateInput

from . import services
from .choices import Gecontracteerd, WettelijkKader, Zorgvorm
from .models import AanvraagSoort, Verwijzing

TEXTAREA = {"rows": 4}


class SoortKeuzeForm(forms.Form):
    soort = forms.ModelChoiceField(label=_("Soort aanvraag"), queryset=AanvraagSoort.objects.none(), empty_label=None)

    def __init__(self, *args, soorten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].queryset = soorten


class AanvraagForm(forms.Form):
    """The request's content; which fields show depends on the type (a budget, a period)."""

    doelen = forms.TypedMultipleChoiceField(
        label=_("Bij welke doelen uit het gezinsplan hoort deze aanvraag?"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Elke aanvraag hoort bij minstens één doel van het gezin."),
    )
    vraag = forms.CharField(
        label=_("De vraag"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
        help_text=_("Wat is de hulpvraag, en wat is er aan de hand? Alleen voor medewerkers."),
    )
    waarom_niet_regulier = forms.CharField(
        label=_("Waarom past het reguliere aanbod niet?"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
        help_text=_("Welke hulp is er al, of bekeken, en waarom is die niet genoeg? Alleen voor medewerkers."),
    )
    eigen_kracht = forms.CharField(
        label=_("Wat hebben eigen kracht en netwerk al geprobeerd?"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
        help_text=_("Wat kan het gezin zelf, met familie, buren en vrienden? Alleen voor medewerkers."),
    )
    gevraagde_oplossing = forms.CharField(
        label=_("Gevraagde oplossing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Wat is er nodig, hoe vaak en hoe lang? Het gezin ziet dit in het portaal."),
    )
    aanbieder = forms.CharField(label=_("Aanbieder"), max_length=200, required=False)
    aanbieder_gecontracteerd = forms.ChoiceField(
        label=_("Is de aanbieder gecontracteerd?"), choices=Gecontracteerd.choices, initial=Gecontracteerd.ONBEKEND
    )
    huidig_pgb_tot = forms.DateField(
        label=_("Einddatum huidig PGB"),
        widget=DateInput(),
        required=False,
        help_text=_("Loopt er al een PGB? Dan begint het nieuwe de dag erna, zodat het naadloos aansluit."),
    )
    bedrag = forms.DecimalField(
        label=_("Gevraagd bedrag (euro)"), max_digits=10, decimal_places=2, required=False, min_value=0
    )
    periode_van = forms.DateField(label=_("Periode van"), widget=DateInput(), required=False)
    periode_tot = forms.DateField(label=_("Periode tot en met"), widget=DateInput(), required=False)
    bijlage = forms.FileField(
        label=_("Bijlage toevoegen"),
        required=False,
        help_text=_("Bijvoorbeeld een offerte of een advies. PDF, foto, Word of Excel."),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, soort: AanvraagSoort, doel_choices, aanvullen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.soort = soort
        self.fields["doelen"].choices = doel_choices
        if aanvullen:
            self.fields["reden"] = forms.CharField(
                label=_("Wat is er aangevuld?"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                help_text=_("Nodig als je de aanvraag aangevuld opnieuw indient; de beoordelaar leest dit eerst."),
            )
        if not soort.met_budget:
            for name in ("huidig_pgb_tot", "bedrag"):
                del self.fields[name]
        if soort.met_budget or soort.periode_verplicht:
            self.fields["periode_van"].label = _("Van")
            self.fields["periode_tot"].label = _("Tot en met")
        if soort.met_budget:
            self.fields["periode_van"].help_text = _("Leeg als het aansluit op het huidige PGB: dan de dag erna.")

    def aanvraag_data(self) -> services.AanvraagData:
        data = self.cleaned_data
        return services.AanvraagData(
            doelen=list(data["doelen"]),
            vraag=data["vraag"],
            waarom_niet_regulier=data["waarom_niet_regulier"],
            eigen_kracht=data["eigen_kracht"],
            gevraagde_oplossing=data["gevraagde_oplossing"],
            aanbieder=data["aanbieder"],
            aanbieder_gecontracteerd=data["aanbieder_gecontracteerd"],
            bedrag=data.get("bedrag"),
            periode_van=data["periode_van"],
            periode_tot=data["periode_tot"],
            huidig_pgb_tot=data.get("huidig_pgb_tot"),
        )

    def bijlagen(self) -> list:
        upload = self.cleaned_data.get("bijlage")
        return [upload] if upload else []


class RedenForm(forms.Form):
    """The reason of a step; the label is the step's own question."""

    # The vendored textarea style marks any empty required textarea as wrong before anyone typed;
    # the server checks the reason and shows its message beside the field.
    use_required_attribute = False

    reden = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reden"].label = label
        self.fields["reden"].required = required
        self.fields["reden"].error_messages["required"] = _("Vul in: %(vraag)s") % {"vraag": str(label).lower()}


class BesluitForm(forms.Form):
    use_required_attribute = False
    BESLUITEN = [
        ("toekennen", _("Toekennen")),
        ("gedeeltelijk_toekennen", _("Gedeeltelijk toekennen")),
        ("afwijzen", _("Afwijzen")),
    ]

    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=BESLUITEN,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies het besluit.")},
    )
    toegekend_bedrag = forms.DecimalField(
        label=_("Toegekend bedrag (euro)"),
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text=_("Alleen bij gedeeltelijk toekennen: het bedrag dat wel wordt toegekend."),
    )
    reden = forms.CharField(
        label=_("Motivering van het besluit"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom dit besluit? De aanvrager en het gezin zien deze motivering."),
        error_messages={"required": _("Een besluit heeft een motivering nodig. Schrijf waarom.")},
    )
    beoordeling_notitie = forms.CharField(
        label=_("Interne beoordeling"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Op inhoud en rechtmatigheid. Alleen voor medewerkers; het gezin ziet dit niet."),
    )

    def __init__(self, *args, met_budget: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not met_budget:
            del self.fields["toegekend_bedrag"]


class VerwijzingForm(forms.Form):
    zorgvorm = forms.ChoiceField(label=_("Zorgvorm"), choices=[("", "—"), *Zorgvorm.choices])
    wettelijk_kader = forms.ChoiceField(
        label=_("Wettelijk kader"),
        choices=[("", _("Volgt uit de zorgvorm")), *WettelijkKader.choices],
        required=False,
    )
    aanbieder = forms.CharField(label=_("Aanbieder"), max_length=200)
    startdatum = forms.DateField(label=_("Startdatum"), widget=DateInput())
    einddatum = forms.DateField(label=_("Einddatum"), widget=DateInput(), required=False)
    beschikking = forms.CharField(
        label=_("Kenmerk beschikking"), max_length=60, required=False, help_text=Verwijzing.beschikking.field.help_text
    )
    doelen = forms.TypedMultipleChoiceField(
        label=_("Bij welke doelen helpt deze zorg?"), coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Alleen voor medewerkers; het gezin ziet dit niet."),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, doel_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doelen"].choices = doel_choices
        if not doel_choices:
            del self.fields["doelen"]

    def verwijzing_data(self) -> services.VerwijzingData:
        data = self.cleaned_data
        return services.VerwijzingData(
            zorgvorm=data["zorgvorm"],
            wettelijk_kader=data["wettelijk_kader"],
            aanbieder=data["aanbieder"],
            startdatum=data["startdatum"],
            einddatum=data["einddatum"],
            beschikking=data["beschikking"],
            doelen=list(data.get("doelen") or []),
            toelichting=data["toelichting"],
        )


class VervangingForm(forms.Form):
    vervanger = forms.ModelChoiceField(label=_("Wie vervangt je?"), queryset=None)
    van = forms.DateField(label=_("Vanaf"), widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), widget=DateInput())

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vervanger"].queryset = choices
