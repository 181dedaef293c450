"""The project's Celery app for the worker-kill test: a message whose worker died comes back
after seconds instead of the default hour, so the test can watch the redelivery."""

from boks.celery import app

app.conf.broker_transport_options = {
    "visibility_timeout": 5,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

__all__ = ["app"]
