"""The access log for the privacyfunctionaris: filter by period, staff member, dossier, action,
basis and channel; page through it (keyset, so any depth costs the same); download it as CSV.
Opening and downloading the log are themselves recorded in it."""

import csv
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from boks.accounts import authorization
from boks.accounts.mfa import signed_in_with_mfa

from . import log, selectors
from .choices import Actie
from .forms import ToegangslogFilterForm

CSV_COLUMNS = [
    ("moment", _("Moment")),
    ("actie", _("Handeling")),
    ("gebruiker_naam", _("Medewerker")),
    ("rol", _("Rol")),
    ("team", _("Team")),
    ("dossiernummer", _("Dossiernummer")),
    ("omschrijving", _("Omschrijving")),
    ("grondslag", _("Grondslag")),
    ("reden", _("Reden")),
    ("kanaal", _("Kanaal")),
    ("ip", _("IP-adres")),
    ("pad", _("Pagina of endpoint")),
]


def _refusal(request):
    """The log is only for the privacyfunctionaris, signed in with a second factor."""
    if authorization.access_log_organisation_ids(request.user) and not signed_in_with_mfa(request):
        return render(request, "audit/mfa_nodig.html", status=403)
    return render(request, "403.html", status=403)


def _filters(request) -> tuple[ToegangslogFilterForm, selectors.LogFilters | None, str]:
    """The form (the last seven days unless asked otherwise), its filters when valid, and the same
    choice as a query string for the next page and the download."""
    week = {name: day.isoformat() for name, day in ToegangslogFilterForm.initial_week().items()}
    data = {**week, **{name: value for name, value in request.GET.items() if name != "na"}}
    form = ToegangslogFilterForm(data)
    return form, form.filters() if form.is_valid() else None, urlencode({k: v for k, v in data.items() if v})


def _describe(filters: selectors.LogFilters) -> str:
    parts = [f"{filters.van:%d-%m-%Y} t/m {filters.tot:%d-%m-%Y}"]
    parts += [
        f"{name} {value}"
        for name in ("medewerker", "dossiernummer", "actie", "grondslag", "kanaal")
        if (value := getattr(filters, name))
    ]
    return ", ".join(parts)


@login_required
def index(request):
    if not authorization.can_read_access_log(request.user, signed_in_with_mfa=signed_in_with_mfa(request)):
        return _refusal(request)
    form, filters, query = _filters(request)
    rows, next_cursor = [], None
    if filters is not None:
        organisations = authorization.access_log_organisation_ids(request.user)
        rows, next_cursor = selectors.page(
            selectors.access_log(organisations, filters), selectors.Cursor.decode(request.GET.get("na", ""))
        )
        log.read(omschrijving=f"Toegangslog bekeken: {_describe(filters)}"[:300])
    return render(
        request,
        "audit/toegangslog.html",
        {
            "form": form,
            "rows": rows,
            "next_query": f"{query}&na={next_cursor.encode()}" if next_cursor else "",
            "export_query": query,
        },
        status=200 if filters is not None else 400,
    )


class _Echo:
    def write(self, value):
        return value


@login_required
def export(request):
    if not authorization.can_read_access_log(request.user, signed_in_with_mfa=signed_in_with_mfa(request)):
        return _refusal(request)
    form, filters, _query = _filters(request)
    if filters is None:
        return render(request, "audit/toegangslog.html", {"form": form, "rows": []}, status=400)
    rows = selectors.access_log(authorization.access_log_organisation_ids(request.user), filters)
    log.record(Actie.EXPORTEREN, omschrijving=f"Toegangslog gedownload: {_describe(filters)}"[:300])
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield writer.writerow([str(label) for _field, label in CSV_COLUMNS])
        for row in rows.iterator(chunk_size=2000):
            values = []
            for field, _label in CSV_COLUMNS:
                value = getattr(row, field)
                if field == "moment":
                    value = timezone.localtime(value).strftime("%d-%m-%Y %H:%M:%S")
                values.append("" if value is None else value)
            yield writer.writerow(values)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"toegangslog-{filters.van:%Y%m%d}-{filters.tot:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
