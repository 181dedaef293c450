"""The quick start (``make run``): debug on, embedded SQLite, tasks in-process, demo data allowed."""

import os

os.environ.setdefault("DJANGO_DEBUG", "True")
os.environ.setdefault("BOKS_ALLOW_DEMO_DATA", "True")

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env.str("SECRET_KEY", default="local-only-insecure-key-never-use-in-production")
