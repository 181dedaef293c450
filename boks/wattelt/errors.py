from boks.errors import Conflict


class TrajectAfgesloten(Conflict):
    """Wat Telt is for open trajecten; heropen the traject first."""


class ScoresAlGegeven(Conflict):
    """This rater's scores for the round are in, with other values; nothing was overwritten."""
