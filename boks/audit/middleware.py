from . import log


class AccessLogMiddleware:
    """Collects the access-log entries of a request and writes them in one INSERT at its end."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = log.begin(request)
        try:
            return self.get_response(request)
        finally:
            log.finish(token)
