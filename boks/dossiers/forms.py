"""Forms validate the shape of input; the rules live in services.py and workflow.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boks.accounts.models import Team, User, Wijk
from boks.widgets import DateInput, DateTimeInput

from . import journal_links
from .choices import (
    AFSLUITREDEN_HELP,
    Afsluitreden,
    ContactSoort,
    Leefgebied,
    Melder,
    RedenNietZichtbaar,
    RedenVertraging,
    Rol,
    Status,
    TrajectSoort,
    Urgentie,
    ZelfstandigVerder,
)
from .models import Noodtoegang, Persoon
from .validators import BSNValidator


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Shows a service's ValidationError on the form, each message beside its own field."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class AanmeldingForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    aanmelddatum = forms.DateField(label=_("Aanmelddatum"), widget=DateInput(), initial=timezone.localdate)
    melder = forms.ChoiceField(label=_("Wie meldde aan?"), choices=[("", "—"), *Melder.choices])
    melder_toelichting = forms.CharField(label=_("Melder, namelijk"), required=False, max_length=200)
    aanmeldvraag = forms.CharField(
        label=_("Aanmeldvraag"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De vraag zoals de cliënt die zelf zegt, in zijn of haar eigen woorden."),
    )
    leefgebieden = forms.MultipleChoiceField(
        label=_("Ondersteuningsvragen"),
        choices=Leefgebied.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Op welke leefgebieden vraagt de cliënt hulp?"),
    )
    urgentie = forms.ChoiceField(label=_("Urgentie"), choices=Urgentie.choices, initial=Urgentie.GEEN)
    soort = forms.ChoiceField(
        label=_("Wie voert het traject uit?"),
        choices=TrajectSoort.choices,
        initial=TrajectSoort.BUURTTEAM,
        required=False,
        help_text=_("Een traject van een andere dienst zonder het buurtteam telt niet mee in de buurtteamcijfers."),
    )

    voornaam = forms.CharField(label=_("Voornaam"), max_length=100)
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=20, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=DateInput())
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=9,
        required=False,
        validators=[BSNValidator()],
        help_text=_("Niet verplicht. Negen cijfers."),
    )
    rol = forms.ChoiceField(label=_("Rol in het huishouden"), choices=Rol.choices)
    telefoon = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)

    huishouden_naam = forms.CharField(
        label=_("Naam van het huishouden"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten: BOKS gebruikt de achternaam, bijvoorbeeld 'Huishouden Jansen'."),
    )
    straat = forms.CharField(label=_("Straat"), max_length=200, required=False)
    huisnummer = forms.CharField(label=_("Huisnummer"), max_length=20, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    woonplaats = forms.CharField(label=_("Woonplaats"), max_length=100, required=False, initial="Utrecht")
    wijk = forms.ModelChoiceField(label=_("Wijk"), queryset=Wijk.objects.all(), required=False)

    zelf_regisseur = forms.BooleanField(label=_("Ik word zelf regisseur van dit traject"), required=False)
    duplicate_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        if len(teams) == 1:
            self.fields["team"].initial = teams[0]

    def clean_soort(self):
        return self.cleaned_data["soort"] or TrajectSoort.BUURTTEAM

    def clean_geboortedatum(self):
        value = self.cleaned_data["geboortedatum"]
        if value > timezone.localdate():
            raise ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
        return value


class PersoonForm(forms.ModelForm):
    class Meta:
        model = Persoon
        fields = [
            "voornaam",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "bsn",
            "rol",
            "telefoon",
            "email",
        ]
        widgets = {"geboortedatum": DateInput()}


class PersoonEditForm(PersoonForm):
    class Meta(PersoonForm.Meta):
        fields = [*PersoonForm.Meta.fields, "gezag"]


class PortaalUitnodigingForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"), help_text=_("De uitnodiging gaat naar dit adres."))


class IntrekkenForm(forms.Form):
    reden = forms.CharField(label=_("Waarom stopt de toegang?"), max_length=300)


class AfschermenForm(forms.Form):
    persoon = forms.TypedChoiceField(label=_("Afschermen voor"), coerce=int)
    reden = forms.CharField(
        label=_("Waarom zou inzage het kind schaden?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args, personen, **kwargs):
        """`personen`: the household members, already loaded (the form renders once per journal entry)."""
        super().__init__(*args, **kwargs)
        self.personen = {persoon.pk: persoon for persoon in personen}
        self.fields["persoon"].choices = [(pk, persoon.voornaam) for pk, persoon in self.personen.items()]

    def clean_persoon(self):
        return self.personen[self.cleaned_data["persoon"]]


class DatumForm(forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)


class KennismakingPlannenForm(forms.Form):
    datum = forms.DateField(label=_("Datum van de kennismaking"), widget=DateInput())


class KennismakingVastleggenForm(forms.Form):
    datum = forms.DateField(label=_("Datum van het gesprek"), widget=DateInput(), initial=timezone.localdate)
    reden_vertraging = forms.ChoiceField(
        label=_("Reden als de norm niet is gehaald"),
        choices=[("", "—"), *RedenVertraging.choices],
        required=False,
        help_text=_("Alleen nodig als de kennismaking later was dan de norm van het team."),
    )


class AfsluitreasonSelect(forms.RadioSelect):
    """Radio buttons that show, under each afsluitreden, when to use it."""

    option_template_name = "dossiers/widgets/afsluitreden_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["help"] = AFSLUITREDEN_HELP.get(value, "")
        return option


class AfsluitenForm(forms.Form):
    datum = forms.DateField(label=_("Afsluitdatum"), widget=DateInput(), initial=timezone.localdate)
    afsluitreden = forms.ChoiceField(label=_("Afsluitreden"), choices=Afsluitreden.choices, widget=AfsluitreasonSelect)
    zelfstandig_verder = forms.ChoiceField(
        label=_("Kan de cliënt zelfstandig verder?"),
        choices=ZelfstandigVerder.choices,
        widget=forms.RadioSelect,
        help_text=_("Zonder ondersteuning, bijvoorbeeld zonder aanvullende zorg."),
    )
    rapportcijfer = forms.IntegerField(
        label=_("Rapportcijfer van de cliënt"),
        min_value=1,
        max_value=10,
        required=False,
        help_text=_("Het cijfer van 1 tot en met 10 dat de cliënt de hulp geeft. Niet verplicht."),
    )


class HeropenenForm(forms.Form):
    reden = forms.CharField(label=_("Waarom gaat het traject weer open?"), widget=forms.Textarea(attrs={"rows": 3}))


TRANSITION_FORMS = {
    "kennismaking_plannen": KennismakingPlannenForm,
    "kennismaking_vastleggen": KennismakingVastleggenForm,
    "begeleiding_starten": DatumForm,
    "uitvoering_starten": DatumForm,
    "afsluiten": AfsluitenForm,
    "heropenen": HeropenenForm,
}


class RegisseurForm(forms.Form):
    regisseur = forms.ModelChoiceField(label=_("Regisseur"), queryset=User.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = candidates


class BetrokkeneForm(forms.Form):
    medewerker = forms.ModelChoiceField(label=_("Medewerker"), queryset=User.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = candidates


class PersonenField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, persoon) -> str:
        return persoon.voornaam


class ContactmomentForm(forms.Form):
    plaatsgevonden_op = forms.DateTimeField(
        label=_("Datum en tijd"), widget=DateTimeInput(), initial=lambda: timezone.localtime().replace(second=0)
    )
    soort = forms.ChoiceField(label=_("Soort contact"), choices=ContactSoort.choices)
    deelnemers = forms.CharField(label=_("Deelnemers"), max_length=300, required=False, help_text=_("Wie waren erbij?"))
    duur_minuten = forms.IntegerField(label=_("Duur in minuten"), min_value=1, max_value=24 * 60, required=False)
    tekst = forms.CharField(label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 5}))
    zichtbaar_voor_client = forms.BooleanField(
        label=_("De cliënt mag dit lezen"),
        required=False,
        initial=True,
        help_text=_("Het journaal is van de cliënt. Zet dit alleen uit met een van de vaste redenen."),
    )
    reden_niet_zichtbaar = forms.ChoiceField(
        label=_("Reden om te verbergen"), choices=[("", "—"), *RedenNietZichtbaar.choices], required=False
    )
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, traject=None, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.link_names = []
        if traject is None:
            return
        self.fields["betreft"] = PersonenField(
            label=_("Gaat over"),
            queryset=traject.huishouden.personen.order_by("geboortedatum"),
            required=False,
            help_text=_("Niets aangevinkt: het hele huishouden. In het portaal ziet alleen wie het mag lezen het."),
            initial=list(entry.betreft.all()) if entry is not None else [],
        )
        for link in journal_links.links():
            choices = link.choices(traject)
            if not choices:
                continue
            self.fields[link.name] = forms.TypedMultipleChoiceField(
                label=link.label,
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=link.current(entry) if entry is not None else [],
            )
            self.link_names.append(link.name)

    def chosen_links(self) -> dict[str, list[int]]:
        return {name: self.cleaned_data.get(name, []) for name in self.link_names}


MAX_DAGEN_WACHTEND = 3650


class TrajectFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        help_text=_("Naam, geboortedatum (dd-mm-jjjj), BSN of dossiernummer"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle open trajecten")), *Status.choices], required=False
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("Alle teams")
    )
    over_norm = forms.BooleanField(label=_("Kennismaking later dan de norm"), required=False)
    termijn_verlopen = forms.BooleanField(label=_("Actie te laat"), required=False)
    min_dagen_wachtend = forms.IntegerField(
        label=_("Wacht minstens (dagen)"),
        required=False,
        min_value=0,
        max_value=MAX_DAGEN_WACHTEND,
        help_text=_("Wachtenden: dagen sinds de kennismaking"),
    )
    sort = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=[
            ("-aanmelddatum", _("Nieuwste aanmelding eerst")),
            ("aanmelddatum", _("Oudste aanmelding eerst")),
            ("huishouden", _("Huishouden")),
            ("dossiernummer", _("Dossiernummer")),
            ("status", _("Status")),
            ("-werkdagen", _("Meeste werkdagen tot kennismaking")),
            ("termijn", _("Eerstvolgende actie")),
        ],
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class NoodtoegangForm(forms.Form):
    dossiernummer = forms.CharField(label=_("Dossiernummer"), max_length=20)
    reden = forms.CharField(
        label=_("Waarom heb je dit dossier nu nodig?"),
        help_text=_(
            "Bijvoorbeeld: crisismelding buiten kantoortijd, de regisseur is niet bereikbaar. "
            "Je reden staat in het toegangslog en de teammanager van het team krijgt er bericht van."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class NoodtoegangOordeelForm(forms.Form):
    oordeel = forms.ChoiceField(
        label=_("Was de noodtoegang terecht?"), choices=Noodtoegang.Oordeel.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Verplicht als de noodtoegang niet terecht was."),
    )
