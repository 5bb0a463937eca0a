"""Who may do what in the knowledge bank: plain functions of (user, object), and the Wagtail page
permission testers that apply them to every admin screen that asks a page what a user may do.

Wagtail's tree permissions (the editors' group may add and change below the knowledge index) say
what an organisation editor may do *somewhere* in the knowledge bank; the testers narrow that to
the pages of organisations they edit. On another organisation's article, FAQ entry or guide an
editor has no permission at all: no editing, no draft, no preview, no history, no revisions, no
usage. On the hub's structure pages (the index and the topics) they may only add pages below.
"""

from wagtail.models import PagePermissionTester

from samspill.core.models import EDITING_ROLES
from samspill.core.permissions import (
    editable_organisation_ids,
    edits_for,
    is_hub_admin,
    roles_by_organisation,
)

STRUCTURE_PERMISSIONS = {"add"}


def can_edit_content(user, organisation_id: int | None) -> bool:
    """An admin or editor of the owning organisation (in good standing), or a hub admin."""
    return edits_for(user, organisation_id)


class ContentPagePermissionTester(PagePermissionTester):
    """An article, FAQ entry or guide: Wagtail's permissions for the owning organisation's
    editors, none for anyone else (the review task may still open the editor to reviewers)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if hasattr(self, "permissions") and not can_edit_content(user, page.organisation_id):
            self.permissions = set()


class StructurePagePermissionTester(PagePermissionTester):
    """The knowledge index and the topics belong to the hub: others may add pages below them."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if hasattr(self, "permissions"):
            self.permissions &= STRUCTURE_PERMISSIONS


def can_review_content(user) -> bool:
    """Whether the user looks after any knowledge content (the "Due for review" screen)."""
    return is_hub_admin(user) or bool(editable_organisation_ids(user))


def _stored_owners(pages, content_models) -> dict[int, int | None]:
    """{page id: owning organisation id} as stored, one query per content model involved."""
    by_model: dict[type, list[int]] = {}
    for page in pages:
        model = page.specific_class
        if model is not None and issubclass(model, content_models):
            by_model.setdefault(model, []).append(page.pk)
    owners: dict[int, int | None] = {}
    for model, ids in by_model.items():
        owners.update(model.objects.filter(pk__in=ids).values_list("pk", "organisation_id"))
    return owners


def can_act_on_pages(user, pages, *, content_models, structure_models) -> bool:
    """Whether the user may change these pages: hub admins any; others only content of
    organisations they edit, never the structure pages (index, topics).

    Both the owner in the editor's version (a draft) and the stored owner must be theirs.
    """
    if is_hub_admin(user):
        return True
    pages = list(pages)
    if any(
        p.specific_class is not None and issubclass(p.specific_class, structure_models)
        for p in pages
    ):
        return False
    owners = _stored_owners(pages, content_models)
    roles = roles_by_organisation(user)
    for page in pages:
        if page.pk not in owners:
            continue  # not knowledge content: Wagtail's own permissions decide
        for owner in {owners[page.pk], getattr(page, "organisation_id", owners[page.pk])}:
            if roles.get(owner) not in EDITING_ROLES:
                return False
    return True
