"""The Celery application.

Workers acknowledge a task only after it ran (``acks_late``) and take one message at a time, so a
task may run twice after a worker dies: every task must be idempotent. Enqueue tasks with
``delay_on_commit`` (or inside ``transaction.on_commit``) so a worker never sees a row that was
rolled back. All settings live in Django settings under the ``CELERY_`` prefix.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.local")

app = Celery("boks")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
