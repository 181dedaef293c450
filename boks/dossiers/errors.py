from boks.errors import Conflict


class TransitionNotAllowed(Conflict):
    """The traject's current status does not allow this step."""


class EditConflict(Conflict):
    """Someone else saved the same record first; nothing was overwritten."""
