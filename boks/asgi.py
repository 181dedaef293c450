import os

from django.core.asgi import get_asgi_application

from boks.garbage import tune_after_startup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.production")

application = get_asgi_application()
tune_after_startup()
