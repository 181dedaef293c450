from django import forms
from django.utils.translation import gettext_lazy as _

from boks.documenten.forms import ClientDocumentForm, ClientTextForm, EditTextForm, QuestionnaireForm
from boks.dossiers.choices import Leefgebied

__all__ = [
    "ActivationForm",
    "ClientDocumentForm",
    "ClientTextForm",
    "EditTextForm",
    "QuestionnaireForm",
    "VoorstelForm",
]


class VoorstelForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("Wat wilt u bereiken?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Schrijf het op in uw eigen woorden. Bijvoorbeeld: 'Ik wil weer gaan sporten.'"),
    )
    leefgebied = forms.ChoiceField(
        label=_("Waar gaat het over?"), choices=[("", _("Weet ik niet")), *Leefgebied.choices], required=False
    )


class ActivationForm(forms.Form):
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens. Kies iets wat u kunt onthouden, maar een ander niet kan raden."),
    )
    password2 = forms.CharField(
        label=_("Typ het wachtwoord nog een keer"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("De twee wachtwoorden zijn niet hetzelfde."))
        return cleaned
