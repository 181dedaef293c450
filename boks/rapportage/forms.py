"""Filters of the dashboards (period, peildatum, scope) and the vaststellen form."""

import contextlib
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boks.widgets import DateInput

from .periods import OngeldigePeriode, Periode, huidig_kwartaal, jaar, uit_code

EIGEN = "eigen"
LANGSTE_BEREIK_DAGEN = 3 * 366


def periode_keuzes(today: datetime.date | None = None) -> list[tuple[str, str]]:
    """The last eight quarters, the current and last two years, and a range of one's own."""
    today = today or timezone.localdate()
    quarters = []
    current = huidig_kwartaal(today)
    for _step in range(8):
        quarters.append((current.code, current.label))
        current = current.vorige()
    years = [(jaar(year).code, str(year)) for year in range(today.year, today.year - 3, -1)]
    return [*quarters, *years, (EIGEN, str(_("Zelf kiezen (van – tot)")))]


class PeriodeForm(forms.Form):
    # A code rather than a fixed choice: the menu offers recent periods, the URL and the API any.
    periode = forms.CharField(label=_("Periode"), required=False, widget=forms.Select)
    van = forms.DateField(label=_("Van"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())
    peildatum = forms.DateField(label=_("Peildatum"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = periode_keuzes()
        asked = self.data.get("periode") if self.is_bound else None
        if asked and asked not in dict(keuzes):
            with contextlib.suppress(OngeldigePeriode):  # clean() says what is wrong with it
                keuzes.insert(0, (asked, uit_code(asked).label))
        self.fields["periode"].widget.choices = keuzes

    def clean(self):
        data = super().clean()
        code = data.get("periode") or huidig_kwartaal().code
        if code == EIGEN:
            van, tot = data.get("van"), data.get("tot")
            if not van or not tot:
                raise ValidationError({"van": _("Vul bij 'Zelf kiezen' zowel de begin- als de einddatum in.")})
            if tot < van:
                raise ValidationError({"tot": _("De einddatum ligt vóór de begindatum.")})
            if (tot - van).days > LANGSTE_BEREIK_DAGEN:
                raise ValidationError({"tot": _("Kies een periode van hoogstens drie jaar.")})
            data["gekozen"] = Periode(van, tot)
        else:
            try:
                data["gekozen"] = uit_code(code)
            except OngeldigePeriode as wrong:
                raise ValidationError({"periode": str(wrong)}) from wrong
        gekozen = data["gekozen"]
        peildatum = data.get("peildatum") or min(gekozen.tot, timezone.localdate())
        if not gekozen.van <= peildatum <= gekozen.tot:
            raise ValidationError({"peildatum": _("De peildatum ligt in de gekozen periode.")})
        data["peildatum"] = peildatum
        return data


def periode_uit(params) -> tuple[PeriodeForm, Periode | None, datetime.date | None]:
    """The period form bound to a request's GET parameters (the current quarter when none are given)."""
    form = PeriodeForm(params if params else {"periode": huidig_kwartaal().code})
    if not form.is_valid():
        return form, None, None
    return form, form.cleaned_data["gekozen"], form.cleaned_data["peildatum"]


class ScopeForm(forms.Form):
    scope = forms.ChoiceField(label=_("Onderdeel"), required=False)

    def __init__(self, *args, keuzes: list[tuple[str, list[tuple[str, str]]] | tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = keuzes


class VaststellenForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als deze periode al eerder is vastgesteld: waarom nu opnieuw?"),
    )
