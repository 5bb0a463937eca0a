"""allauth adapters: mail goes through the task queue; the hub decides who may sign up."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.utils import translation

from samspill.core.mail import enqueue_message, language_of, wrap_in_base
from samspill.core.ratelimit import client_ip
from samspill.core.selectors import hub_name


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # allauth's templates greet with `current_site.name` and sign with its domain: the hub's
        # name and public address, not the (absent) sites framework's.
        site = SimpleNamespace(name=hub_name(), domain=urlsplit(settings.SITE_URL).netloc)
        context = {"site_name": site.name, "current_site": site, **context}
        message = self.render_mail(template_prefix, email, context)
        # The same look as every other email of the hub: its base (name, logo, footer) around
        # allauth's text, and an HTML part made from it.
        # allauth rendered the text in the active language (the request's): the base follows it.
        message = wrap_in_base(message, language=language_of(translation.get_language()))
        enqueue_message(message, kind="core.account")

    def get_client_ip(self, request):
        """The same address the hub's own rate limits use (the real client behind a trusted
        proxy), for allauth's limits on sign-up, log-in and password reset."""
        return client_ip(request)

    def is_open_for_signup(self, request):
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        # Only the name and email claims are kept; national identity numbers are never stored.
        full_name = " ".join(p for p in (data.get("first_name"), data.get("last_name")) if p)
        user.name = data.get("name") or full_name or ""
        return user
