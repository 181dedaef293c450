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
