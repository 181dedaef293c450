import pytest
from django.core.management import call_command
from django.db.models import Count

from boks.notifications.models import Notification
from boks.wattelt.models import Meting, Score

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_open_trajecten_several_rounds_once_and_the_same_each_time(capsys):
    call_command("seed_demo")
    rounds = dict(Meting.objects.values_list("traject").annotate(rondes=Count("pk")))
    counts = (Meting.objects.count(), Score.objects.count())
    assert max(rounds.values()) >= 3
    assert sum(1 for total in rounds.values() if total >= 2) >= 4
    assert set(Meting.objects.values_list("variant", flat=True)) == {"digitaal", "papier"}
    assert Score.objects.filter(beoordelaar="derde").exists()
    assert not Notification.objects.filter(key__startswith="wattelt:").exists(), "seeding sends no signal e-mails"
    call_command("seed_demo")
    assert (Meting.objects.count(), Score.objects.count()) == counts
    assert "Demo data is ready" in capsys.readouterr().out
