"""The authorisation matrix is shown as it is applied: in beheer and in docs/authorisation.md."""

from pathlib import Path

import pytest
from django.urls import reverse

from boks.accounts import matrix_table
from boks.accounts.choices import TeamRole
from tests.conftest import logged_in
from tests.factories import MembershipFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_the_docs_hold_the_matrix_as_the_code_has_it():
    docs = (ROOT / "docs" / "authorisation.md").read_text()
    assert matrix_table.markdown() in docs, "Run: python manage.py autorisatiematrix --docs"


def test_every_cell_names_relations_only_for_roles_that_have_a_rule():
    rows = matrix_table.rows()
    dossier_read = next(row for row in rows if row.onderwerp.startswith("Dossier") and row.handeling == "inzien")
    roles = [role for role, _label in matrix_table.ROLES]
    assert "regisseur" in dossier_read.cells[roles.index(TeamRole.GEZINSWERKER)]
    assert dossier_read.cells[roles.index(TeamRole.FUNCTIONEEL_BEHEERDER)] == ""


@pytest.mark.django_db
def test_functioneel_beheer_reads_the_matrix_in_beheer(team):
    beheerder = MembershipFactory(team=team, user=UserFactory(with_totp=True), role=TeamRole.FUNCTIONEEL_BEHEERDER).user
    html = logged_in(beheerder).get(reverse("beheer:autorisatie")).content.decode()
    assert "Autorisatiematrix" in html
    assert "noodtoegang (ander team)" in html
    assert "Privacyfunctionaris" in html
    index = logged_in(beheerder).get(reverse("beheer:index")).content.decode()
    assert reverse("beheer:autorisatie") in index
