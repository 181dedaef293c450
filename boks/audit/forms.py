import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boks.widgets import DateInput

from .choices import Actie, Grondslag, Kanaal
from .selectors import LogFilters

MAX_DAYS = 366


def _choices(enum):
    return [("", _("Alle")), *enum.choices]


class ToegangslogFilterForm(forms.Form):
    van = forms.DateField(label=_("Van"), widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), widget=DateInput())
    medewerker = forms.CharField(label=_("Medewerker"), required=False, help_text=_("Naam of e-mailadres"))
    dossiernummer = forms.CharField(label=_("Dossiernummer"), required=False, max_length=20)
    actie = forms.ChoiceField(label=_("Handeling"), choices=_choices(Actie), required=False)
    grondslag = forms.ChoiceField(label=_("Grondslag"), choices=_choices(Grondslag), required=False)
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=_choices(Kanaal), required=False)

    @classmethod
    def initial_week(cls) -> dict:
        today = timezone.localdate()
        return {"van": today - datetime.timedelta(days=6), "tot": today}

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot:
            if tot < van:
                self.add_error("tot", _("'Tot en met' ligt voor 'Van'."))
            elif (tot - van).days >= MAX_DAYS:
                self.add_error("tot", _("Kies een periode van hoogstens een jaar."))
        return data

    def filters(self) -> LogFilters:
        data = self.cleaned_data
        return LogFilters(
            van=data["van"],
            tot=data["tot"],
            medewerker=data["medewerker"].strip(),
            dossiernummer=data["dossiernummer"].strip(),
            actie=data["actie"],
            grondslag=data["grondslag"],
            kanaal=data["kanaal"],
        )
