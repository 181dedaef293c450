"""Forms validate the shape of input; the rules live in services.py. Score fields are named
``<beoordelaar>__<code>`` (services.score_veld), so a service's error lands beside its field."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boks.widgets import DateInput

from .choices import Beoordelaar, Variant
from .services import MetingData, ScoreData, score_veld


class RangeInput(forms.NumberInput):
    """A slider: keyboard operable by nature (arrow keys, Home, End); the page shows its value as a
    number in an <output> beside it."""

    input_type = "range"


class _MetingForm(forms.Form):
    variant: str
    persoon = forms.ModelChoiceField(label=_("Cliënt"), queryset=None, empty_label=None)
    datum = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)
    gesprek_nummer = forms.IntegerField(
        label=_("Gesprek"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=_("Het hoeveelste gesprek na de kennismaking dit was."),
    )
    derde = forms.BooleanField(label=_("Er geeft ook een derde een score"), required=False)
    derde_naam = forms.CharField(label=_("Naam van de derde"), required=False, max_length=100)
    derde_relatie = forms.CharField(
        label=_("Wie is dit voor de cliënt?"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld zus, buurman of huisarts."),
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    sleutel = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, catalogus, personen, schaal_min: int, schaal_max: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalogus = catalogus
        self.schaal = (schaal_min, schaal_max)
        self.fields["persoon"].queryset = personen
        self.fields["algemene_score"] = self._score_field(
            _("Algemene score van de cliënt"),
            help_text=_("Hoe gaat het met je in deze fase van je leven?"),
        )
        for leefgebied in catalogus:
            for beoordelaar in Beoordelaar:
                self.fields[score_veld(beoordelaar, leefgebied.code)] = self._score_field(beoordelaar.label)

    def _score_field(self, label, help_text: str = "") -> forms.IntegerField:
        low, high = self.schaal
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=low,
            max_value=high,
            help_text=help_text,
            error_messages={
                "min_value": _("Een score ligt tussen %(min)s en %(max)s.") % {"min": low, "max": high},
                "max_value": _("Een score ligt tussen %(min)s en %(max)s.") % {"min": low, "max": high},
            },
        )

    def gekozen(self) -> list[str]:
        raise NotImplementedError

    def leefgebied_rows(self):
        """(leefgebied, its 'chosen' field or None, [its score fields per rater]) for the template."""
        for leefgebied in self.catalogus:
            choose = f"kies__{leefgebied.code}"
            yield (
                leefgebied,
                self[choose] if choose in self.fields else None,
                [self[score_veld(beoordelaar, leefgebied.code)] for beoordelaar in Beoordelaar],
            )

    def clean(self):
        data = super().clean()
        if data.get("derde"):
            if not (data.get("derde_naam") or "").strip():
                self.add_error("derde_naam", _("Vul de naam van de derde in."))
            if not (data.get("derde_relatie") or "").strip():
                self.add_error("derde_relatie", _("Vul in wie de derde is voor de cliënt."))
        if not self.gekozen():
            raise ValidationError(_("Kies minstens één leefgebied dat de cliënt belangrijk vindt."))
        return data

    def _raters(self) -> list[str]:
        raters = [Beoordelaar.KLANT, Beoordelaar.MEDEWERKER]
        return [*raters, Beoordelaar.DERDE] if self.cleaned_data.get("derde") else raters

    def meting_data(self) -> MetingData:
        data = self.cleaned_data
        chosen = self.gekozen()
        scores = [
            ScoreData(code, beoordelaar, data[score_veld(beoordelaar, code)])
            for code in chosen
            for beoordelaar in self._raters()
            if data.get(score_veld(beoordelaar, code)) is not None
        ]
        derde = bool(data.get("derde"))
        return MetingData(
            persoon_id=data["persoon"].pk,
            datum=data["datum"],
            variant=self.variant,
            leefgebieden=chosen,
            scores=scores,
            algemene_score=data.get("algemene_score"),
            derde_naam=data["derde_naam"] if derde else "",
            derde_relatie=data["derde_relatie"] if derde else "",
            gesprek_nummer=data.get("gesprek_nummer"),
            toelichting=data["toelichting"],
            sleutel=data["sleutel"],
        )


class DigitaleMetingForm(_MetingForm):
    """Filled in together with the client: the client ticks what matters, then everyone slides."""

    variant = Variant.DIGITAAL

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = self.schaal
        middle = (low + high) // 2
        for leefgebied in self.catalogus:
            self.fields[f"kies__{leefgebied.code}"] = forms.BooleanField(
                label=_("Belangrijk voor de cliënt"), required=False
            )
        for name, field in self.fields.items():
            if isinstance(field, forms.IntegerField) and name != "gesprek_nummer":
                field.widget = RangeInput(
                    attrs={"min": low, "max": high, "step": 1, "class": "wt-range", "data-wattelt-slider": ""}
                )
                field.initial = middle

    def gekozen(self) -> list[str]:
        return [lg.code for lg in self.catalogus if self.cleaned_data.get(f"kies__{lg.code}")]

    def clean(self):
        data = super().clean()
        for code in self.gekozen():
            for beoordelaar in self._raters():
                name = score_veld(beoordelaar, code)
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Geef een score met de schuifbalk."))
        if data.get("algemene_score") is None and "algemene_score" not in self.errors:
            self.add_error("algemene_score", _("Geef een algemene score met de schuifbalk."))
        return data


class PapierenMetingForm(_MetingForm):
    """Typing in a paper form afterwards: a leefgebied with a score on it is one the client chose."""

    variant = Variant.PAPIER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = self.schaal
        for name, field in self.fields.items():
            if isinstance(field, forms.IntegerField) and name != "gesprek_nummer":
                field.widget = forms.NumberInput(
                    attrs={
                        "min": low,
                        "max": high,
                        "inputmode": "numeric",
                        "class": "utrecht-textbox utrecht-textbox--html-input wt-getal",
                    }
                )

    def gekozen(self) -> list[str]:
        data = self.cleaned_data
        return [
            lg.code
            for lg in self.catalogus
            if any(data.get(score_veld(beoordelaar, lg.code)) is not None for beoordelaar in Beoordelaar)
            or any(score_veld(beoordelaar, lg.code) in self.errors for beoordelaar in Beoordelaar)
        ]

    def clean(self):
        data = super().clean()
        for code in self.gekozen():
            for beoordelaar in (Beoordelaar.KLANT, Beoordelaar.MEDEWERKER):
                name = score_veld(beoordelaar, code)
                if data.get(name) is None and name not in self.errors:
                    self.add_error(
                        name,
                        _("Vul ook deze score van de %(wie)s in.") % {"wie": Beoordelaar(beoordelaar).label.lower()},
                    )
        if any(data.get(score_veld(Beoordelaar.DERDE, lg.code)) is not None for lg in self.catalogus):
            data["derde"] = True
            if not (data.get("derde_naam") or "").strip() and "derde_naam" not in self.errors:
                self.add_error("derde_naam", _("Vul de naam van de derde in."))
            if not (data.get("derde_relatie") or "").strip() and "derde_relatie" not in self.errors:
                self.add_error("derde_relatie", _("Vul in wie de derde is voor de cliënt."))
        return data


class ScoresAanvullenForm(forms.Form):
    """One rater's scores for a meting that already exists, e.g. a third party who answered later."""

    beoordelaar = forms.ChoiceField(label=_("Wie geeft deze scores?"), widget=forms.RadioSelect)
    derde_naam = forms.CharField(label=_("Naam van de derde"), required=False, max_length=100)
    derde_relatie = forms.CharField(label=_("Wie is dit voor de cliënt?"), required=False, max_length=100)

    def __init__(self, *args, meting, raters: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.meting = meting
        self.fields["beoordelaar"].choices = [(rater, Beoordelaar(rater).label) for rater in raters]
        low, high = meting.schaal_min, meting.schaal_max
        message = _("Een score ligt tussen %(min)s en %(max)s.") % {"min": low, "max": high}
        for leefgebied in meting.leefgebieden.all():
            self.fields[f"waarde__{leefgebied.code}"] = forms.IntegerField(
                label=leefgebied.naam,
                required=False,
                min_value=low,
                max_value=high,
                widget=forms.NumberInput(attrs={"min": low, "max": high, "inputmode": "numeric"}),
                error_messages={"min_value": message, "max_value": message},
            )
        if Beoordelaar.KLANT in raters and meting.algemene_score is None:
            self.fields["algemene_score"] = forms.IntegerField(
                label=_("Algemene score (alleen als de cliënt de scores geeft)"),
                required=False,
                min_value=low,
                max_value=high,
                widget=forms.NumberInput(attrs={"min": low, "max": high, "inputmode": "numeric"}),
                error_messages={"min_value": message, "max_value": message},
            )
        if meting.derde_naam:
            del self.fields["derde_naam"], self.fields["derde_relatie"]

    def scores(self) -> dict[str, int]:
        return {
            name.removeprefix("waarde__"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("waarde__") and value is not None
        }

    def field_for(self, error_key: str) -> str | None:
        """Where a service error about `<beoordelaar>__<code>` belongs on this form."""
        if "__" in error_key:
            return f"waarde__{error_key.split('__', 1)[1]}"
        return error_key if error_key in self.fields else None


class KlantMetingForm(DigitaleMetingForm):
    """The client's own Wat Telt in the portal: what matters to them, their own score on each, and how
    life is going now. The worker adds their scores to the same meting afterwards."""

    def __init__(self, *args, persoon, **kwargs):
        super().__init__(*args, personen=type(persoon).objects.filter(pk=persoon.pk), **kwargs)
        self.persoon = persoon
        for name in ["persoon", "datum", "gesprek_nummer", "derde", "derde_naam", "derde_relatie"]:
            del self.fields[name]
        for leefgebied in self.catalogus:
            self.fields[f"kies__{leefgebied.code}"].label = _("Dit is belangrijk voor mij")
            self.fields[score_veld(Beoordelaar.KLANT, leefgebied.code)].label = _("Mijn score")
            for beoordelaar in (Beoordelaar.MEDEWERKER, Beoordelaar.DERDE):
                del self.fields[score_veld(beoordelaar, leefgebied.code)]
        self.fields["algemene_score"].label = _("Hoe gaat het met u in deze fase van uw leven?")
        self.fields["algemene_score"].help_text = ""
        self.fields["toelichting"].label = _("Wilt u er iets over zeggen?")

    def _raters(self) -> list[str]:
        return [Beoordelaar.KLANT]

    def leefgebied_rows(self):
        for leefgebied in self.catalogus:
            yield (leefgebied, self[f"kies__{leefgebied.code}"], [self[score_veld(Beoordelaar.KLANT, leefgebied.code)]])

    def meting_data(self) -> MetingData:
        data = self.cleaned_data
        chosen = self.gekozen()
        return MetingData(
            persoon_id=self.persoon.pk,
            datum=timezone.localdate(),
            variant=self.variant,
            leefgebieden=chosen,
            scores=[ScoreData(code, Beoordelaar.KLANT, data[score_veld(Beoordelaar.KLANT, code)]) for code in chosen],
            algemene_score=data.get("algemene_score"),
            toelichting=data["toelichting"],
            sleutel=data["sleutel"],
        )
