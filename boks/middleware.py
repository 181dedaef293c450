from django.conf import settings
from django.utils import translation


class CookieLanguageMiddleware:
    """Shows BOKS in Dutch unless the user chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; BOKS is a Dutch
    service, so only an explicit choice (the language cookie) changes the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set.

    BOKS uses no camera, microphone, location or payment, so browsers may not offer them to any page.
    Pages shown to a logged-in user hold dossier data: no browser or proxy may keep a copy, so the
    back button on a shared computer cannot bring them back after logging out.
    """

    PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "private, no-store"
        return response
