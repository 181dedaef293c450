from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: functioneel beheer creates staff accounts and workers invite clients."""

    def is_open_for_signup(self, request) -> bool:
        return False
