"""Whether the current session was signed in with a second factor (allauth records each method)."""

from allauth.account.authentication import get_authentication_records


def signed_in_with_mfa(request) -> bool:
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))
