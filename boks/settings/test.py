"""The test suite. Tasks run in-process unless a test starts a real worker itself."""

import os

os.environ.setdefault("BOKS_ALLOW_DEMO_DATA", "True")

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
BOKS_REQUIRE_STAFF_MFA = True
CELERY_TASK_ALWAYS_EAGER = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_USE_FINDERS = True
# Tests see the figures of the data they just made; the snapshot tests switch snapshots on.
BOKS_DASHBOARD_SNAPSHOT = 0
