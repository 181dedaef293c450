from django.core.checks import Error, Tags, register
from django.db import DatabaseError, connections


@register(Tags.database)
def database_reachable(app_configs, **kwargs):
    """``manage.py check --database default`` fails with the setting to fix, not a traceback."""
    errors = []
    for alias in kwargs.get("databases") or []:
        try:
            connections[alias].ensure_connection()
        except DatabaseError as exc:
            errors.append(
                Error(
                    f"De database '{alias}' is niet bereikbaar: {exc}".strip(),
                    hint="Controleer DATABASE_URL en of de databaseserver draait.",
                    id="boks.E001",
                )
            )
    return errors
