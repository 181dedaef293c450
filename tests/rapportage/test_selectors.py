"""The scope choices of the dashboards."""

from boks.rapportage import selectors
from tests.factories import HuishoudenFactory, OrganisatieFactory, TeamFactory, WijkFactory


def test_wijken_are_where_the_organisation_works_or_its_households_live(db, django_assert_max_num_queries):
    organisatie, andere = OrganisatieFactory(), OrganisatieFactory()
    team_wijk, woon_wijk, vreemde_wijk = WijkFactory(naam="Overvecht"), WijkFactory(naam="Zuilen"), WijkFactory()
    team = TeamFactory(organisatie=organisatie, wijk=team_wijk)
    HuishoudenFactory(team=team, wijk=woon_wijk)
    HuishoudenFactory(team=TeamFactory(organisatie=andere, wijk=vreemde_wijk), wijk=vreemde_wijk)
    HuishoudenFactory(team=team, wijk=woon_wijk)

    with django_assert_max_num_queries(1):
        wijken = list(selectors.wijken_van(organisatie))

    assert wijken == [team_wijk, woon_wijk]
    assert list(selectors.wijken_van(andere)) == [vreemde_wijk]
