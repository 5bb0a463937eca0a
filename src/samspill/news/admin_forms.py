"""The admin form of a news item: the owning organisation as for knowledge pages (an editor picks
one they edit for), and links only to what anyone may see (published events, projects and
articles, listed surveys), besides those the item already links to."""

from samspill.core import registry
from samspill.knowledge.forms import KnowledgePageForm

# Field → the registered public rows it may link to (core.registry.PublicRows).
LINKS = {"events": "events", "surveys": "surveys"}


class NewsPageForm(KnowledgePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        for field_name, rows_name in LINKS.items():
            field = self.fields.get(field_name)
            rows = registry.public_rows(rows_name)
            if field is None or rows is None:
                continue
            chosen = getattr(instance, field_name).all() if instance.pk else rows.none()
            field.queryset = (
                field.queryset.filter(pk__in=rows.values("pk"))
                | field.queryset.filter(pk__in=chosen.values("pk"))
            ).distinct()
        for field_name, visible in (
            ("projects", lambda qs: qs.filter(is_published=True, programme__is_published=True)),
            ("articles", lambda qs: qs.filter(live=True)),
        ):
            field = self.fields.get(field_name)
            if field is None:
                continue
            chosen = getattr(instance, field_name).all() if instance.pk else field.queryset.none()
            field.queryset = (
                visible(field.queryset) | field.queryset.filter(pk__in=chosen.values("pk"))
            ).distinct()
