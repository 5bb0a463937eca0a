"""`samspill setup`: a hub of one's own, without the demo's fictional content.

Builds the hub's skeleton (`core.skeleton`: the home page and hub pages in every language, every
app's front page, the standard audiences, needs and offers, places) and the first hub admin, with
the hub's name and public address. Asks for what the flags do not give, unless `--no-input`.

Idempotent: a second run creates only what is missing; pages that exist (and that an editor may
have changed) and an existing admin's password are never touched. Everything is checked before
anything is written, and it is written in one transaction.
"""

import getpass
import os
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator, validate_email
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _
from wagtail.models import Site

from samspill.core import services, skeleton
from samspill.core.models import HubSettings, Membership, Role, User

LOOPBACK = {"localhost", "127.0.0.1", "::1"}


class Command(BaseCommand):
    help = (
        "Set up a hub of your own: the home page, the hub pages and every app's front page in "
        "each language, the standard lists, and the first hub admin. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", help="the hub's name (default: SITE_NAME)")
        parser.add_argument("--url", help="the hub's public address (default: SITE_URL)")
        parser.add_argument(
            "--operator",
            help="the organisation that runs the hub; it owns imported content until others join "
            "(default: the hub's name)",
        )
        parser.add_argument("--contact-email", help="the hub's public contact address")
        parser.add_argument("--admin-email", help="the first hub admin's email address")
        parser.add_argument(
            "--admin-password",
            help="the first hub admin's password (or the SAMSPILL_ADMIN_PASSWORD variable)",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            dest="interactive",
            action="store_false",
            help="ask nothing: take the flags, the environment and the defaults",
        )

    # --- asking ---------------------------------------------------------------------------------

    def _ask(self, question: str, default: str = "") -> str:
        suffix = f" [{default}]" if default else ""
        answer = input(f"{question}{suffix}: ").strip()
        return answer or default

    def _ask_until_valid(self, question: str, default: str, check) -> str:
        while True:
            value = self._ask(question, default)
            try:
                return check(value)
            except CommandError as error:
                self.stderr.write(str(error))

    def _ask_password(self, email: str) -> str:
        while True:
            first = getpass.getpass(_("Password for %(email)s: ") % {"email": email})
            second = getpass.getpass(_("The same password again: "))
            if first != second:
                self.stderr.write(_("The two passwords differ. Try again."))
                continue
            try:
                return self._check_password(first, email)
            except CommandError as error:
                self.stderr.write(str(error))

    # --- checking -------------------------------------------------------------------------------

    def _check_name(self, value: str) -> str:
        value = " ".join((value or "").split())
        if not value:
            raise CommandError(_("The hub needs a name."))
        if len(value) > 200:
            raise CommandError(_("The hub's name may be at most 200 characters long."))
        return value

    def _check_url(self, value: str) -> str:
        value = (value or "").strip().rstrip("/")
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise CommandError(
                _("“%(url)s” is not a web address such as https://hub.example.org.")
                % {"url": value}
            ) from None
        parts = urlsplit(value)
        if parts.path or parts.query or parts.fragment or parts.username:
            raise CommandError(
                _(
                    "The address must be the hub's root, such as https://hub.example.org, not “%(url)s”."
                )
                % {"url": value}
            )
        configured = urlsplit(settings.SITE_URL)
        if configured.hostname not in LOOPBACK and settings.SITE_URL.rstrip("/") != value:
            raise CommandError(
                _(
                    "SITE_URL is %(configured)s in this environment, and the hub follows it at "
                    "every start: give that address, or change SITE_URL."
                )
                % {"configured": settings.SITE_URL}
            )
        return value

    def _check_email(self, value: str, *, optional: bool = False) -> str:
        value = (value or "").strip()
        if optional and not value:
            return ""
        try:
            validate_email(value)
        except ValidationError:
            raise CommandError(
                _("“%(email)s” is not a valid email address.") % {"email": value}
            ) from None
        return User.objects.normalize_email(value).lower()

    def _check_operator(self, value: str) -> str:
        value = " ".join((value or "").split())
        if len(value) > 200:
            raise CommandError(_("The organisation's name may be at most 200 characters long."))
        return value

    def _check_password(self, password: str, email: str) -> str:
        if not password:
            raise CommandError(
                _("The hub admin needs a password: --admin-password or SAMSPILL_ADMIN_PASSWORD.")
            )
        try:
            validate_password(password, user=User(email=email))
        except ValidationError as error:
            raise CommandError(
                _("The password is too weak: %(reasons)s") % {"reasons": " ".join(error.messages)}
            ) from None
        return password

    # --- running --------------------------------------------------------------------------------

    def _require_migrated(self) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(_("The database is not up to date: run “samspill migrate” first."))

    def handle(self, *args, **options):
        self._require_migrated()
        interactive = options["interactive"] and sys.stdin.isatty()
        site = Site.objects.filter(is_default_site=True).first()
        exists = skeleton.hub_exists()
        current_name = (site.site_name if site and exists else "") or settings.WAGTAIL_SITE_NAME
        current_url = site.root_url if site and exists else settings.SITE_URL
        hub_settings = HubSettings.for_site(site) if site and exists else None

        if interactive:
            self.stdout.write(_("Setting up the hub. Press Enter to take the value in brackets."))
        name = options["name"]
        if name is None and interactive:
            name = self._ask_until_valid(_("The hub's name"), current_name, self._check_name)
        name = self._check_name(name or current_name)

        url = options["url"]
        if url is None and interactive:
            url = self._ask_until_valid(_("The hub's public address"), current_url, self._check_url)
        url = self._check_url(url or current_url)

        operator = options["operator"]
        default_operator = (hub_settings.operator if hub_settings else "") or name
        if operator is None and interactive:
            operator = self._ask_until_valid(
                _("The organisation that runs the hub"), default_operator, self._check_operator
            )
        operator = self._check_operator(operator if operator is not None else default_operator)

        contact = options["contact_email"]
        default_contact = hub_settings.contact_email if hub_settings else ""
        if contact is None and interactive:
            contact = self._ask_until_valid(
                _("The hub's public contact email (may be left empty)"),
                default_contact,
                lambda value: self._check_email(value, optional=True),
            )
        contact = self._check_email(
            contact if contact is not None else default_contact, optional=True
        )

        admin_email, password = self._admin(options, interactive)

        with transaction.atomic():
            skeleton.build(
                skeleton.Hub(name=name, url=url, operator=operator, contact_email=contact),
                report=lambda part: self.stdout.write(_("Setup: %(part)s …") % {"part": part}),
            )
            organisation = skeleton.operator_organisation(operator)
            admin = self._make_admin(admin_email, password, organisation)

        self._summary(name, url, admin)

    def _admin(self, options, interactive) -> tuple[str, str]:
        email = options["admin_email"]
        has_admin = User.objects.filter(is_superuser=True, is_active=True).exists()
        if email is None and has_admin:
            return "", ""  # the hub has its admin; a second run asks nothing more
        if email is None and interactive:
            email = self._ask_until_valid(
                _("The first hub admin's email address"), "", self._check_email
            )
        if not email:
            raise CommandError(
                _("The hub needs its first admin: give --admin-email (and the password).")
            )
        email = self._check_email(email)
        if User.objects.filter(email__iexact=email).exists():
            return email, ""  # an existing account keeps its password
        password = options["admin_password"] or os.environ.get("SAMSPILL_ADMIN_PASSWORD", "")
        if not password and interactive:
            return email, self._ask_password(email)
        return email, self._check_password(password, email)

    def _make_admin(self, email: str, password: str, organisation):
        if not email:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = services.user_create(
                email=email, password=password, hub_admin=True, email_verified=True
            )
            self.stdout.write(_("Created the hub admin %(email)s.") % {"email": email})
        elif services.user_make_hub_admin(actor=None, user=user):
            self.stdout.write(
                _(
                    "%(email)s had an account already: it is a hub admin now (its password is "
                    "unchanged)."
                )
                % {"email": email}
            )
        if (
            organisation is not None
            and not Membership.objects.filter(user=user, organisation=organisation).exists()
        ):
            services.membership_create(
                actor=None, organisation=organisation, user=user, role=Role.ADMIN
            )
        return user

    def _summary(self, name: str, url: str, admin) -> None:
        self.stdout.write(self.style.SUCCESS(_("The hub “%(name)s” is ready.") % {"name": name}))
        self.stdout.write(_("  Address: %(url)s/   Admin: %(url)s/admin/") % {"url": url})
        if admin is not None:
            self.stdout.write(_("  Hub admin: %(email)s") % {"email": admin.email})
        if settings.REQUIRE_ADMIN_MFA:
            self.stdout.write(
                _("  At the first sign-in the admin sets up two-factor authentication.")
            )
        if urlsplit(settings.SITE_URL).hostname in LOOPBACK and urlsplit(url).hostname not in (
            LOOPBACK
        ):
            self.stdout.write(
                _(
                    "  Set SITE_URL=%(url)s where samspill serve and samspill worker run: "
                    "emails and the admin take the address from it."
                )
                % {"url": url}
            )
