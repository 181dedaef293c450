from django.db import models

from .choices import Status


class TrajectQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Status.AFGESLOTEN)
