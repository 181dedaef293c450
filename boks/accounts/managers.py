from django.db import models
from django.db.models import Q
from django.utils import timezone


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Memberships in force on a day (today by default): started, and not yet ended."""
        day = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)
