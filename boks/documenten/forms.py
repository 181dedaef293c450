from django import forms
from django.utils.translation import gettext_lazy as _

from boks.dossiers.forms import PersonenField

from .choices import Zichtbaarheid


class StaffDocumentForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    bestand = forms.FileField(label=_("Bestand"))
    zichtbaarheid = forms.ChoiceField(
        label=_("Wie mag het zien?"),
        choices=Zichtbaarheid.choices,
        widget=forms.RadioSelect,
        initial=Zichtbaarheid.PERSONEN,
    )
    betreft = PersonenField(label=_("Voor wie"), queryset=None, required=False)

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["betreft"].queryset = personen


class ClientDocumentForm(forms.Form):
    titel = forms.CharField(label=_("Naam van het document"), max_length=200)
    bestand = forms.FileField(label=_("Kies een bestand"))
    delen = forms.BooleanField(
        label=_("Mijn gezin mag dit ook zien"),
        required=False,
        help_text=_("Als u dit niet aanvinkt, ziet alleen u en het buurtteam dit document."),
    )


class ClientTextForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    tekst = forms.CharField(label=_("Uw tekst"), widget=forms.Textarea(attrs={"rows": 12}))
    delen = forms.BooleanField(
        label=_("Mijn gezin mag dit ook zien"),
        required=False,
        help_text=_("Als u dit niet aanvinkt, ziet alleen u en het buurtteam deze tekst."),
    )


class EditTextForm(forms.Form):
    tekst = forms.CharField(label=_("Uw tekst"), widget=forms.Textarea(attrs={"rows": 14}))
    versie = forms.IntegerField(widget=forms.HiddenInput)


class LinkForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    url = forms.URLField(label=_("Adres (https://…)"), max_length=500, assume_scheme="https")
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=300, required=False)


class QuestionnaireForm(forms.Form):
    """The questions of a questionnaire as fields; the rules (required, choices, 1 to 10) are in services."""

    sleutel = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, vragenlijst, **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = list(vragenlijst.vragen.all())
        for vraag in self.vragen:
            name = f"vraag_{vraag.pk}"
            if vraag.soort == "keuze":
                field = forms.ChoiceField(choices=[("", "—"), *((k, k) for k in vraag.keuzelijst)])
            elif vraag.soort == "ja_nee":
                field = forms.ChoiceField(choices=[("ja", _("Ja")), ("nee", _("Nee"))], widget=forms.RadioSelect)
            elif vraag.soort == "cijfer":
                field = forms.ChoiceField(choices=[(str(n), str(n)) for n in range(1, 11)], widget=forms.RadioSelect)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
            field.label = vraag.tekst
            field.required = vraag.verplicht
            self.fields[name] = field

    def antwoorden(self) -> dict[int, str]:
        return {vraag.pk: self.cleaned_data.get(f"vraag_{vraag.pk}") or "" for vraag in self.vragen}
