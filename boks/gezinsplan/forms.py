"""Forms check the shape of input; the plan's rules live in services.py."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boks.dossiers.choices import Leefgebied
from boks.widgets import DateInput

from .choices import (
    AfspraakStatus,
    Beoordelaar,
    ChecklistAntwoord,
    DoelStatus,
    InstemmingWijze,
    RegieBij,
    VeiligheidOordeel,
    WieSoort,
)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, persoon) -> str:
        return f"{persoon.volledige_naam} ({persoon.get_rol_display().lower()})"


class PersonsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, persoon) -> str:
        return persoon.volledige_naam


class Locked(forms.Form):
    """Carries the version number the user started from (optimistic locking)."""

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class VraagverhelderingForm(Locked):
    vraagverheldering = forms.CharField(
        label=_("De vraag van het gezin"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class VisieForm(Locked):
    visie_client = forms.CharField(
        label=_("Zo kijkt het gezin er zelf naar"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Hoe gaat het volgens het gezin? Dit staat naast de afwegingen van de professionals."),
    )


class RegieForm(Locked):
    regie_bij = forms.ChoiceField(label=_("De regie ligt bij"), choices=RegieBij.choices, widget=forms.RadioSelect)
    regie_naam = forms.CharField(label=_("Naam regisseur"), max_length=200, required=False)
    regie_organisatie = forms.CharField(
        label=_("Organisatie"), max_length=200, required=False, help_text=_("Bijvoorbeeld 'SAVE (Samen Veilig)'.")
    )


class VeiligheidForm(Locked):
    veiligheid_oordeel = forms.ChoiceField(
        label=_("Oordeel over de veiligheid"), choices=VeiligheidOordeel.choices, widget=forms.RadioSelect
    )
    veiligheid_toelichting = forms.CharField(
        label=_("Afspraken over veiligheid en toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, vragen: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = vragen
        for index, vraag in enumerate(vragen):
            self.fields[f"vraag_{index}"] = forms.ChoiceField(
                label=vraag,
                choices=[("", "—"), *ChecklistAntwoord.choices],
                required=False,
            )

    def antwoorden(self) -> dict[str, str]:
        return {
            vraag: self.cleaned_data[f"vraag_{index}"]
            for index, vraag in enumerate(self.vragen)
            if self.cleaned_data.get(f"vraag_{index}")
        }


class WijzigingenForm(Locked):
    wijzigingen = forms.CharField(
        label=_("Wat is er veranderd in deze versie?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Kort en in gewone woorden, voor het gezin."),
    )


class DoelForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("Doel"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_("In de woorden van het gezin.")
    )
    leefgebied = forms.ChoiceField(label=_("Leefgebied"), choices=[("", "—"), *Leefgebied.choices], required=False)
    eigenaren = PersonsField(label=_("Van wie is dit doel?"), queryset=None, required=False)
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, personen, with_schaalvraag: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaren"].queryset = personen
        if with_schaalvraag:
            self.fields["schaalvraag"] = forms.CharField(
                label=_("Schaalvraag"),
                max_length=300,
                required=False,
                help_text=_("Waarmee meten jullie of het lukt? Leeg: 'In hoeverre is dit doel bereikt?'"),
            )


class SchaalvraagForm(forms.Form):
    vraag = forms.CharField(label=_("Schaalvraag"), max_length=300)
    betekenis_laag = forms.CharField(label=_("Laagste score betekent"), max_length=150, required=False)
    betekenis_hoog = forms.CharField(label=_("Hoogste score betekent"), max_length=150, required=False)


class AfspraakForm(forms.Form):
    wat = forms.CharField(label=_("Wat"), widget=forms.Textarea(attrs={"rows": 2}))
    doel = forms.TypedChoiceField(label=_("Bij doel"), coerce=int, empty_value=None, required=False)
    wie_soort = forms.ChoiceField(label=_("Wie doet het?"), choices=WieSoort.choices, widget=forms.RadioSelect)
    wie_persoon = PersonChoiceField(label=_("Gezinslid"), queryset=None, required=False)
    wie_naam = forms.CharField(
        label=_("Naam"), max_length=200, required=False, help_text=_("Als het geen gezinslid is.")
    )
    uiterlijk_op = forms.DateField(label=_("Uiterlijk op"), widget=DateInput(), required=False)
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, personen, plan_doelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wie_persoon"].queryset = personen
        self.plan_doelen = {plan_doel.doel_id: plan_doel.doel for plan_doel in plan_doelen}
        self.fields["doel"].choices = [("", _("Geen doel")), *((p.doel_id, str(p)) for p in plan_doelen)]

    def clean_doel(self):
        doel_id = self.cleaned_data["doel"]
        return self.plan_doelen.get(doel_id) if doel_id else None


class NetwerkForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    relatie = forms.CharField(label=_("Relatie"), max_length=200, help_text=_("Bijvoorbeeld 'oma' of 'buurvrouw'."))
    rol = forms.CharField(label=_("Wat doet deze persoon voor het gezin?"), max_length=300, required=False)
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AfwegingForm(forms.Form):
    deskundige = forms.CharField(label=_("Wie"), max_length=200)
    deskundigheid = forms.CharField(
        label=_("Deskundigheid"), max_length=200, help_text=_("Bijvoorbeeld 'gezinswerker', 'jeugdarts', 'SAVE'.")
    )
    tekst = forms.CharField(label=_("Afweging en advies"), widget=forms.Textarea(attrs={"rows": 4}))
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VaststellenForm(forms.Form):
    instemming_van = PersonChoiceField(label=_("Wie van het gezin stemt in?"), queryset=None)
    instemming_op = forms.DateField(label=_("Wanneer?"), widget=DateInput(), initial=timezone.localdate)
    instemming_wijze = forms.ChoiceField(
        label=_("Hoe?"), choices=InstemmingWijze.choices, widget=forms.RadioSelect, initial=InstemmingWijze.GESPREK
    )
    gewijzigd_op = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instemming_van"].queryset = personen


class ScoreRondeForm(forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)
    beoordelaar = forms.ChoiceField(
        label=_("Wie geeft de scores?"), choices=Beoordelaar.choices, widget=forms.RadioSelect
    )
    persoon = PersonChoiceField(label=_("Gezinslid"), queryset=None, required=False)
    beoordelaar_naam = forms.CharField(
        label=_("Naam"), max_length=200, required=False, help_text=_("Bij 'iemand anders': wie, en wat is de relatie?")
    )

    def __init__(self, *args, personen, schaalvragen, schaal_min: int, schaal_max: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].queryset = personen
        self.schaalvragen = list(schaalvragen)
        for vraag in self.schaalvragen:
            self.fields[f"score_{vraag.pk}"] = forms.IntegerField(
                label=vraag.vraag,
                required=False,
                min_value=schaal_min,
                max_value=schaal_max,
                help_text=_("%(min)s = %(laag)s, %(max)s = %(hoog)s")
                % {
                    "min": schaal_min,
                    "max": schaal_max,
                    "laag": vraag.betekenis_laag or _("laagste"),
                    "hoog": vraag.betekenis_hoog or _("hoogste"),
                },
                widget=forms.NumberInput(
                    attrs={"min": schaal_min, "max": schaal_max, "step": 1, "inputmode": "numeric"}
                ),
            )

    def score_fields(self):
        return [self[f"score_{vraag.pk}"] for vraag in self.schaalvragen]

    def ingevuld(self) -> list[tuple]:
        return [
            (vraag, self.cleaned_data[f"score_{vraag.pk}"])
            for vraag in self.schaalvragen
            if self.cleaned_data.get(f"score_{vraag.pk}") is not None
        ]


class EvaluatieForm(forms.Form):
    datum = forms.DateField(label=_("Datum van de evaluatie"), widget=DateInput(), initial=timezone.localdate)
    samenvatting = forms.CharField(label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, doelen, vragen: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.doelen = list(doelen)
        self.vragen = vragen
        for plan_doel in self.doelen:
            self.fields[f"status_{plan_doel.doel_id}"] = forms.ChoiceField(
                label=_("Status"), choices=DoelStatus.choices, initial=plan_doel.doel.status
            )
            self.fields[f"voortgang_{plan_doel.doel_id}"] = forms.CharField(
                label=_("Hoe gaat het met dit doel?"), widget=forms.Textarea(attrs={"rows": 2}), required=False
            )
        for index, vraag in enumerate(vragen):
            self.fields[f"vraag_{index}"] = forms.CharField(
                label=vraag, widget=forms.Textarea(attrs={"rows": 2}), required=False
            )

    def goal_rows(self):
        return [
            (plan_doel, self[f"status_{plan_doel.doel_id}"], self[f"voortgang_{plan_doel.doel_id}"])
            for plan_doel in self.doelen
        ]

    def question_fields(self):
        return [self[f"vraag_{index}"] for index in range(len(self.vragen))]


class AfspraakStatusForm(forms.Form):
    status = forms.ChoiceField(choices=AfspraakStatus.choices)


class ReactieForm(forms.Form):
    reactie = forms.CharField(
        label=_("Reactie voor het gezin"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Waarom komt dit doel (nog) niet in het plan?"),
    )
