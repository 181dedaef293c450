from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "boks.accounts"
    verbose_name = _("Organisaties en accounts")

    def ready(self) -> None:
        from boks import checks  # noqa: F401  (registers the project's system checks)

    def seed_demo(self) -> list[tuple[str, str]]:
        from .demo import seed

        return seed()
