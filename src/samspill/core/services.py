"""Every write in core: organisations, memberships, people. One transaction and one audit entry each.

Callers (views, API, admin, demo) check permissions with `core.permissions` first; services keep
the invariants that must hold whoever calls them.
"""

from typing import Any
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connections, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Site

from samspill.core import mail, registry, signals
from samspill.core.errors import Conflict, InvalidInput, LastAdminError
from samspill.core.html import sanitise_rich_text
from samspill.core.models import Membership, Organisation, Role
from samspill.core.permissions import forget_roles
from samspill.core.taskqueue import tasks_erase_mentions
from samspill.core.validators import validate_instance

User = get_user_model()

ORGANISATION_FIELDS = {
    "name",
    "slug",
    "kind",
    "country",
    "org_number",
    "municipality",
    "website",
    "logo",
    "summary",
    "description",
    "is_public",
}
PROFILE_FIELDS = {
    "name",
    "title",
    "bio",
    "is_listed",
    "show_title",
    "show_bio",
    "preferred_language",
}


def audit_log(*, actor, action: str, target, data: dict | None = None) -> None:
    """Write an audit entry (who, what, when) readable in the admin's site history.

    `action` is a dotted code such as `core.organisation.created`, registered in wagtail_hooks.
    """
    log(target, action, user=actor if actor and actor.is_authenticated else None, data=data or {})


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "organisasjon"
    slug, n = base, 2
    others = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def organisation_create(*, actor, audiences=(), **fields: Any) -> Organisation:
    unknown = set(fields) - ORGANISATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    organisation = Organisation(**fields)
    return organisation_save(actor=actor, organisation=organisation, audiences=audiences)


def organisation_save(*, actor, organisation: Organisation, audiences=None) -> Organisation:
    """Validate and save a new or changed organisation (the admin's forms hand their instance here)."""
    created = organisation._state.adding
    organisation.description = sanitise_rich_text(organisation.description)
    if not organisation.slug:
        organisation.slug = _unique_slug(organisation.name, exclude_pk=organisation.pk)
    validate_instance(organisation)
    try:
        with transaction.atomic():
            organisation.save()
            if audiences is not None:
                organisation.audiences.set(audiences)
            audit_log(
                actor=actor,
                action="core.organisation.created" if created else "core.organisation.updated",
                target=organisation,
            )
    except IntegrityError as error:
        raise Conflict(
            _("An organisation with this slug or organisation number already exists.")
        ) from error
    return organisation


def organisation_delete(*, actor, organisation: Organisation) -> None:
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="core.organisation.deleted",
            target=organisation,
            data={"name": organisation.name},
        )
        organisation.delete()


def organisation_rights_changed(*, organisation: Organisation) -> None:
    """Whether the organisation's memberships grant rights changed (it was approved or declined):
    cached roles are forgotten and the apps that derive rights from roles follow. Call it after
    the commit."""
    forget_roles()
    signals.organisation_rights_changed.send(sender=Organisation, organisation=organisation)


def _lock_organisation(organisation_id: int) -> None:
    """Serialise membership changes of one organisation (a row lock on PostgreSQL; SQLite's
    IMMEDIATE transactions already serialise all writers)."""
    Organisation.objects.select_for_update().filter(pk=organisation_id).exists()


def _check_keeps_an_admin(organisation_id: int, *, leaving: Membership) -> None:
    others = Membership.objects.filter(organisation_id=organisation_id).exclude(pk=leaving.pk)
    if others.exists() and not others.filter(role=Role.ADMIN).exists():
        raise LastAdminError()


def membership_create(*, actor, organisation: Organisation, user, role: str) -> Membership:
    if role not in Role.values:
        raise InvalidInput(_("Unknown role."), field="role")
    try:
        with transaction.atomic():
            _lock_organisation(organisation.pk)
            membership = Membership.objects.create(user=user, organisation=organisation, role=role)
            audit_log(
                actor=actor,
                action="core.membership.created",
                target=membership,
                data={"organisation": organisation.pk, "user": user.pk, "role": role},
            )
    except IntegrityError as error:
        raise Conflict(_("This person is already a member of the organisation.")) from error
    forget_roles()
    return membership


def membership_set_role(*, actor, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise InvalidInput(_("Unknown role."), field="role")
    with transaction.atomic():
        _lock_organisation(membership.organisation_id)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == Role.ADMIN:
            _check_keeps_an_admin(membership.organisation_id, leaving=membership)
        previous, membership.role = membership.role, role
        membership.save(update_fields=["role"])
        audit_log(
            actor=actor,
            action="core.membership.role_changed",
            target=membership,
            data={"from": previous, "to": role},
        )
    forget_roles()
    return membership


def membership_delete(*, actor, membership: Membership) -> None:
    with transaction.atomic():
        _lock_organisation(membership.organisation_id)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Role.ADMIN:
            _check_keeps_an_admin(membership.organisation_id, leaving=membership)
        audit_log(
            actor=actor,
            action="core.membership.deleted",
            target=membership.organisation,
            data={"user": membership.user_id, "role": membership.role},
        )
        membership.delete()
    forget_roles()


def user_create(
    *,
    email: str,
    password: str | None,
    hub_admin: bool = False,
    email_verified: bool = False,
    **fields: Any,
):
    """Create a person with their (primary) email address; sign-up itself goes through allauth."""

    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict(_("An account with this email address already exists."), field="email")
    create = User.objects.create_superuser if hub_admin else User.objects.create_user
    with transaction.atomic():
        user = create(email=email, password=password, **fields)
        EmailAddress.objects.create(user=user, email=email, verified=email_verified, primary=True)
        audit_log(actor=None, action="core.user.created", target=user)
    return user


def user_make_hub_admin(*, actor, user) -> bool:
    """Give an existing account the hub-admin role (`samspill setup`); True when it changed."""
    if user.is_superuser and user.is_staff:
        return False
    with transaction.atomic():
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
        audit_log(actor=actor, action="core.user.made_hub_admin", target=user)
    return True


def user_update_profile(*, user, **fields: Any):
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(user, name, value)
    with transaction.atomic():
        user.save(update_fields=sorted(fields))
        audit_log(
            actor=user,
            action="core.user.profile_updated",
            target=user,
            data={"fields": sorted(fields)},
        )
    return user


def user_set_language(*, user, language: str) -> None:
    """Remember the language a signed-in person chose (one the hub speaks; others are ignored)."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        return
    if user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def user_export_data(*, user) -> dict:
    """Everything samspill holds about a person, as one JSON-ready document."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.name,
            "title": user.title,
            "bio": user.bio,
            "is_listed": user.is_listed,
            "show_title": user.show_title,
            "show_bio": user.show_bio,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in user.emailaddress_set.all()
        ],
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "joined": m.created_at.isoformat(),
            }
            for m in user.memberships.select_related("organisation")
        ],
        "two_factor_methods": list(user.authenticator_set.values_list("type", flat=True)),
        "activity": [
            {"action": action, "at": timestamp.isoformat()}
            for action, timestamp in ModelLogEntry.objects.filter(user_id=user.pk)
            .order_by("timestamp")
            .values_list("action", "timestamp")
        ],
        "connected_logins": list(user.socialaccount_set.values_list("provider", flat=True)),
    }
    for source in registry.personal_data_sources():
        data[source.name] = source.export(user=user)
    return data


def user_delete(*, user) -> None:
    """Delete a person and what belongs to them; apps erase their own parts first.

    Audit entries keep the action, but entries about the person lose their name and email. Emails
    still waiting to be sent to, from or about them, and background task rows that name them, go.
    """
    with transaction.atomic():
        for source in registry.personal_data_sources():
            if source.erase:
                source.erase(user=user)
        addresses = sorted(
            {user.email, *user.emailaddress_set.values_list("email", flat=True)} - {""}
        )
        mail.erase_for_addresses(addresses)
        tasks_erase_mentions(addresses=addresses, names=[user.name])
        audit_log(actor=None, action="core.user.deleted", target=user, data={"id": user.pk})
        audit_entries_anonymise(User, [user.pk])
        audit_entries_anonymise(Membership, list(user.memberships.values_list("pk", flat=True)))
        user.delete()


def audit_entries_anonymise(model, pks: list[int]) -> None:
    """Replace the labels (which name the person) of audit entries about these objects by "#id"
    (apps call it when they erase a person's objects; the entries themselves stay)."""
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).update(label=Concat(Value("#"), F("object_id")))


def site_follow_settings() -> bool:
    """Give Wagtail's default Site the host and port of SITE_URL and the name SITE_NAME, so
    sitemaps, feeds and full page URLs carry the public address. Idempotent (migrate, demo and
    `samspill serve` call it); True when something changed. A host and port that another Site
    already has are left alone, and so is what `samspill setup` gave the Site when the settings
    only hold their defaults: a loopback SITE_URL (the development default) never replaces a
    public address, and the default SITE_NAME never replaces a name."""
    address = urlsplit(settings.SITE_URL)
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    wanted = {}
    if not (_is_loopback(hostname) and not _is_loopback(site.hostname)):
        wanted.update(hostname=hostname, port=port)
    if settings.WAGTAIL_SITE_NAME != settings.SITE_NAME_DEFAULT or not site.site_name:
        wanted["site_name"] = settings.WAGTAIL_SITE_NAME
    if all(getattr(site, field) == value for field, value in wanted.items()):
        return False
    if (
        "hostname" in wanted
        and Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists()
    ):
        return False
    for field, value in wanted.items():
        setattr(site, field, value)
    site.save()  # Site.save clears Wagtail's cached site root paths
    return True


def _is_loopback(hostname: str) -> bool:
    return hostname in {"localhost", "127.0.0.1", "::1", "[::1]", "testserver"}


def site_follow_settings_after_migrate(using="default", **kwargs) -> None:
    """`post_migrate` (connected in `CoreConfig.ready`): once Wagtail's tables exist, the default
    Site follows the settings as `site_follow_settings` says."""
    if Site._meta.db_table in connections[using].introspection.table_names():
        site_follow_settings()
