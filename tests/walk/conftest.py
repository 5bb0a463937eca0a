"""The demo hub, built once for every test in tests/walk/, and the five roles that walk it.

`samspill demo` runs inside one transaction that stays open for the whole package and is rolled
back at its end; each test runs in a savepoint inside it (pytest-django's `db`), so it sees the
pristine demo and leaves nothing behind. All tests here share one xdist group, so one worker
builds the demo once.
"""

import io
import re
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from wagtail.models import Page
from zeal import zeal_ignore

from samspill.core.models import Membership, Organisation, Role, User
from samspill.core.permissions import editable_organisation_ids

WALK_GROUP = "walk"
LANGUAGE_PREFIX = re.compile(r"^/(da|en)/")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/tests/walk/" in str(item.fspath):
            item.add_marker(pytest.mark.xdist_group(WALK_GROUP))


@dataclass
class Role_:
    name: str
    email: str | None
    admin: bool  # starts from /admin/ too
    user: User | None = None


@dataclass
class Hub:
    roles: dict[str, Role_]
    page_types: dict[str, str]  # page path (without language prefix) or page id -> model name
    drafts: list[tuple[str, int | None]] = field(default_factory=list)  # (title, owner org id)


EDITOR_EMAIL = "walk-redaktor@samspill.test"


def _page_types() -> dict[str, str]:
    types = {}
    for page in Page.objects.select_related("content_type").exclude(depth=1):
        model = page.content_type.model
        types[str(page.pk)] = model
        url = page.get_url()
        if url:
            types[LANGUAGE_PREFIX.sub("/", url)] = model
    return types


def _drafts() -> list[tuple[str, int | None]]:
    """Titles of pages whose latest revision is not live, with the owning organisation."""
    live_titles = set(Page.objects.live().values_list("title", flat=True))
    drafts = []
    for page in Page.objects.select_related("latest_revision").specific():
        revision = page.latest_revision
        if revision is None or (page.live and revision.pk == page.live_revision_id):
            continue
        title = revision.content.get("title") or page.title
        if len(title) >= 12 and title not in live_titles:
            drafts.append((title, getattr(page, "organisation_id", None)))
    return drafts


def _build_demo():
    with zeal_ignore(), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("demo", stdout=io.StringIO())
        editor = User.objects.create_user(
            email=EDITOR_EMAIL, password="walk-redaktor", name="Walk Redaktør"
        )
        Membership.objects.create(
            user=editor, organisation=Organisation.objects.get(slug="tempo"), role=Role.EDITOR
        )
    return Hub(roles=_roles(), page_types=_page_types(), drafts=_drafts())


def _roles() -> dict[str, Role_]:
    roles = {
        "anonymous": Role_("anonymous", None, admin=False),
        "member": Role_("member", "medlem@samspill.test", admin=False),
        "org-editor": Role_("org-editor", EDITOR_EMAIL, admin=True),
        "org-admin": Role_("org-admin", "grunder@samspill.test", admin=True),
        "hub-admin": Role_("hub-admin", "admin@samspill.test", admin=True),
    }
    for role in roles.values():
        if role.email:
            role.user = User.objects.get(email=role.email)
    return roles


def _join_demo(with_admin_two_factor: bool) -> Hub:
    """Against running servers (`SAMSPILL_TARGETS`): their database holds the demo already
    (`samspill demo`); what the walk adds to it is committed, so the servers see it."""
    from allauth.mfa.models import Authenticator

    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    if editor is None:
        editor = User.objects.create_user(
            email=EDITOR_EMAIL, password="walk-redaktor", name="Walk Redaktør"
        )
        Membership.objects.create(
            user=editor, organisation=Organisation.objects.get(slug="tempo"), role=Role.EDITOR
        )
    if with_admin_two_factor:
        for admin in User.objects.filter(is_superuser=True):
            Authenticator.objects.get_or_create(
                user=admin, type=Authenticator.Type.TOTP, defaults={"data": {}}
            )
    roles = _roles()
    return Hub(roles=roles, page_types=_page_types(), drafts=_drafts())


@pytest.fixture(scope="package")
def demo_hub(django_db_setup, django_db_blocker):
    from tests.served import TARGETS

    if TARGETS:
        with django_db_blocker.unblock():
            yield _join_demo(with_admin_two_factor=True)
        return
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def hub(demo_hub, db):
    """The demo hub, in a savepoint of this test."""
    for role in demo_hub.roles.values():
        if role.user is not None:
            role.user.refresh_from_db()
    return demo_hub


def editable_organisations(user) -> set[int] | None:
    """The organisations whose drafts the user may see (None: all, a hub admin)."""
    if user is None:
        return set()
    ids = editable_organisation_ids(user)
    return None if ids is None else set(ids)
