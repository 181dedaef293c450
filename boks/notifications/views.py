from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boks.accounts import authorization

from . import forms, selectors, services

PAGE_SIZE = 50


def _layout(user) -> str:
    return "base_client.html" if authorization.is_client(user) else "base_staff.html"


@login_required
def inbox(request):
    # An unticked checkbox posts nothing, so an empty POST is still a submitted form.
    form = forms.PreferenceForm(
        request.POST if request.method == "POST" else None, initial={"email": selectors.wants_email(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        services.set_email_preference(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, _("Je voorkeur is opgeslagen."))
        return redirect("notifications:inbox")
    return render(
        request,
        "notifications/inbox.html",
        {
            "layout": _layout(request.user),
            "notifications": selectors.inbox(request.user)[:PAGE_SIZE],
            "form": form,
        },
    )


@login_required
@require_POST
def open_notification(request, notification_id: int):
    """Marks a message read and goes to what it is about."""
    notification = selectors.notification_for(request.user, notification_id)
    services.mark_read(user=request.user, notification_id=notification.pk)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("Alle berichten zijn gelezen."))
    return redirect("notifications:inbox")
