from boks.errors import Conflict


class StapNietMogelijk(Conflict):
    """The request's current status does not allow this step (e.g. someone else decided first)."""


class AanvraagGewijzigd(Conflict):
    """Someone else saved the same request or referral first; nothing was overwritten."""
