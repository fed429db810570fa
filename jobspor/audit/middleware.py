"""The request being served, for the access log (what was read), and no caching of what a user was shown."""

from django.utils.cache import add_never_cache_headers

from .subjects import current_request


class AccessLogContextMiddleware:
    """Makes the request known to access_log_write, which records the page or document read (its URL name)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


class NoStoreMiddleware:
    """Every page and file served to a logged-in user is sent with Cache-Control: no-store (and private,
    no-cache): citizen data must not stay in a browser's or proxy's cache after the user has left.
    Static files are served before this (WhiteNoise) and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
