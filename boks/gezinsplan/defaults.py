"""The plan format a new organisation starts with; functioneel beheer changes it in beheer."""

from django.utils.translation import gettext_lazy as _

SECTION_HELP = {
    "vraagverheldering": _(
        "Wat is de vraag van het gezin? Schrijf het op in hun eigen woorden, of anders in woorden die zij "
        "begrijpen. Wat gaat goed, wat is moeilijk, wat willen ze anders?"
    ),
    "doelen": _(
        "De doelen zijn van het gezin zelf. Schrijf ze in hun woorden, kies wie het doel heeft en zet de "
        "belangrijkste bovenaan. Houd het bij een paar doelen."
    ),
    "afspraken": _("Wat is er nodig om de doelen te halen? Wie doet wat, en wanneer?"),
    "netwerk": _("Wie zijn belangrijk voor het gezin en kunnen helpen? Familie, buren, school, vrienden."),
    "regie": _(
        "Eén gezin, één plan, één regisseur. Ligt de regie bij een andere organisatie, zoals een "
        "casusregisseur van SAVE, dan begeleidt het buurtteam."
    ),
    "veiligheid": _(
        "Veiligheid van het kind is de ondergrens. Beoordeel kort de veiligheid en leg de afspraken vast. "
        "Bij ernstige zorgen volg je de meldcode met het afwegingskader."
    ),
    "afwegingen": _(
        "Wat vinden de betrokken professionals, en waarom? Een afweging mag anders zijn dan hoe het gezin "
        "het zelf ziet. Noem wie het advies geeft en met welke deskundigheid."
    ),
    "evaluatie": _(
        "Bespreek regelmatig samen hoe het gaat met de doelen en wat het gezin van de hulp en de samenwerking vindt."
    ),
}

VEILIGHEIDSVRAGEN = [
    _("Zijn er zorgen over de lichamelijke veiligheid van een kind of gezinslid?"),
    _("Is er sprake van huiselijk geweld of een vermoeden daarvan?"),
    _("Zijn er afspraken gemaakt over wat te doen als het misgaat?"),
    _("Weet het gezin wie ze kunnen bellen als het niet veilig is?"),
]

EVALUATIEVRAGEN = [
    _("Wat vindt het gezin van de hulp tot nu toe?"),
    _("Helpt de hulp het gezin verder? Wat is er veranderd?"),
    _("Hoe gaat de samenwerking met de gezinswerker?"),
    _("Wat moet er anders of beter?"),
]
