from boks.errors import Conflict


class VersieVastgesteld(Conflict):
    """A vastgestelde (or replaced) version is read-only: changes go into a new version."""
