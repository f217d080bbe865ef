from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import resolve
from django.utils import translation

# URL names an anonymous visitor may reach. Apps add public pages (a survey's
# answer page, say) with ``ims.registry.register_public_url``.
from ims.registry import public_url_names


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class InterfaceLanguageMiddleware:
    """Vietnamese unless the person chose otherwise with the switcher.

    The browser's Accept-Language is ignored on purpose: the organisation works in
    Vietnamese, and a browser set to English should not change that by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class LoginRequiredMiddleware:
    """Every page needs a login except those registered as public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated:
            return None
        if request.path.startswith((settings.STATIC_URL, "/favicon.ico")):
            return None
        match = resolve(request.path_info)
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        if name in public_url_names() or match.app_name == "admin":
            return None
        return redirect_to_login(request.get_full_path())
