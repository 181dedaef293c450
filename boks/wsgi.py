import os

from django.core.wsgi import get_wsgi_application

from boks.garbage import tune_after_startup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boks.settings.production")

application = get_wsgi_application()
tune_after_startup()
