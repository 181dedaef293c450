"""DigiD (OpenID Connect) for clients; imported only when BOKS_OIDC_SERVER_URL is configured, because
allauth's social accounts are installed only then."""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """It logs in an existing client who linked DigiD from their account page; it never creates an
    account, so the worker's invitation stays the only way into a dossier."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False
