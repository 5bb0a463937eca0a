"""The page permission policy of the knowledge bank: Wagtail's lists narrowed to one's own content."""

from wagtail.permission_policies.pages import PagePermissionPolicy

from samspill.core.permissions import editable_organisation_ids, is_hub_admin
from samspill.knowledge import services
from samspill.knowledge.models import owned_page_models, structure_page_models
from samspill.knowledge.permissions import (
    STRUCTURE_PERMISSIONS,
    can_act_on_pages,
    can_edit_content,
)


def may_act_on(user, pages) -> bool:
    """Whether the user may change these pages (`permissions.can_act_on_pages`)."""
    return can_act_on_pages(
        user,
        pages,
        content_models=owned_page_models(),
        structure_models=structure_page_models(),
    )


class KnowledgePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, narrowed to the organisations a person edits.

    The page testers (`knowledge.permissions`) decide for one page; this policy decides the lists
    built from querysets: the explorer, page search, the admin API, site history, the reports
    (locked, aging, workflows) and the choice of a parent. An organisation editor's lists hold no
    article, FAQ entry or guide of another organisation. The editors' group counts only for
    someone who edits an organisation in good standing, whatever their stored groups say.
    """

    def get_all_permissions_for_user(self, user):
        permissions = super().get_all_permissions_for_user(user)
        if user.is_active and not user.is_superuser and not editable_organisation_ids(user):
            permissions = permissions.exclude(group__name=services.EDITOR_GROUP)
        return permissions

    def _without_others_content(self, pages, user):
        if is_hub_admin(user) or not user.is_active:
            return pages
        own = editable_organisation_ids(user)
        for model in owned_page_models():
            pages = pages.exclude(
                pk__in=model.objects.exclude(organisation_id__in=own).values("pk")
            )
        return pages

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        pages = self._without_others_content(pages, user)
        if not is_hub_admin(user) and not set(actions) & STRUCTURE_PERMISSIONS:
            for model in structure_page_models():
                pages = pages.exclude(pk__in=model.objects.values("pk"))
        return pages

    def explorable_instances(self, user):
        # The structure pages stay: an editor walks through the topics to their own pages.
        return self._without_others_content(super().explorable_instances(user), user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        if is_hub_admin(user):
            return True
        model = instance.specific_class
        if model is not None and issubclass(model, owned_page_models()):
            return can_edit_content(user, instance.specific_deferred.organisation_id)
        if model is not None and issubclass(model, structure_page_models()):
            return bool(set(actions) & STRUCTURE_PERMISSIONS)
        return True


def chooser_pages(pages, request):
    """Editors link to any published page; another organisation's unpublished one is not theirs
    to see, not even by its title in the page chooser."""
    user = request.user
    if is_hub_admin(user):
        return pages
    own = editable_organisation_ids(user) or []
    for model in owned_page_models():
        pages = pages.exclude(
            pk__in=model.objects.filter(live=False).exclude(organisation_id__in=own).values("pk")
        )
    return pages
