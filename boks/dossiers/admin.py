from django.contrib import admin

from boks.accounts.admin import BeheerModelAdmin, beheer_site

from .models import Werkafspraken


@admin.register(Werkafspraken, site=beheer_site)
class WerkafsprakenAdmin(BeheerModelAdmin):
    """Functioneel beheer sets its organisation's norms: kennismaking norm, holidays, periods."""

    list_display = [
        "organisatie",
        "kennismaking_norm_werkdagen",
        "goede_vrijdag_vrij",
        "bevrijdingsdag",
        "heropenen_binnen_dagen",
        "journaal_correctie_minuten",
    ]
    organisation_lookup = "organisatie_id"
