"""Full-text search of the directory: a table of stemmed terms per organisation.

Scanning names and descriptions with `icontains` does not scale to 50,000 organisations and knows
nothing of word forms. Instead each organisation's name, summary, description and the texts of its
needs and offers are split into words (`samspill.core.text`), each stemmed the Norwegian and
the Danish way, and stored once per organisation in `DirectoryTerm` (indexed on term, then
organisation). A query's words are stemmed the same two ways; an organisation matches when it has,
for every query word, one of that word's stems (AND). Matches are ranked by how many query words
occur in the name, then by the directory's sort order.

Keep the table current with `reindex(organisation)` after a change (services call it; the signals
of `connect()` catch saves of organisations and needs or offers) and `reindex_all()` in bulk.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Case, IntegerField, Value, When
from django.db.models.signals import post_delete, post_save
from django.utils.html import strip_tags

from samspill.core.models import Organisation
from samspill.core.text.analysis import is_stopword, stem, words
from samspill.network.models import DirectoryTerm, NeedOffer

LANGUAGES = ("nb", "da")
MAX_QUERY_WORDS = 8


def stems_of(word: str) -> set[str]:
    """The Norwegian and the Danish stem of one word."""
    return {stem(word, language)[: DirectoryTerm.MAX_TERM] for language in LANGUAGES}


def terms_of(text: str) -> set[str]:
    found = set()
    for word in words(strip_tags(text or "")):
        if not is_stopword(word):
            found |= stems_of(word)
    return found


def query_stems(query: str) -> list[set[str]]:
    """One set of stems per query word (stop words left out), at most MAX_QUERY_WORDS words."""
    groups, seen = [], set()
    for word in words(query or ""):
        if is_stopword(word) or word in seen:
            continue
        seen.add(word)
        groups.append(stems_of(word))
        if len(groups) == MAX_QUERY_WORDS:
            break
    return groups


def _rows(organisation, texts: list[str]) -> list[DirectoryTerm]:
    name_terms = terms_of(organisation.name)
    other = set()
    for text in [organisation.summary, organisation.description, *texts]:
        other |= terms_of(text)
    return [
        DirectoryTerm(organisation_id=organisation.pk, term=term, in_name=term in name_terms)
        for term in sorted(name_terms | other)
    ]


def reindex(organisation) -> None:
    """Rebuild one organisation's terms (three queries)."""
    texts = list(
        NeedOffer.objects.filter(organisation_id=organisation.pk).values_list("text", flat=True)
    )
    DirectoryTerm.objects.filter(organisation_id=organisation.pk).delete()
    DirectoryTerm.objects.bulk_create(_rows(organisation, texts), batch_size=500)


def reindex_all(*, batch: int = 500) -> int:
    """Rebuild the whole table, a batch of organisations at a time; returns how many."""
    DirectoryTerm.objects.all().delete()
    done, last_pk = 0, 0
    while True:
        organisations = list(
            Organisation.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "name", "summary", "description")[:batch]
        )
        if not organisations:
            return done
        texts: dict[int, list[str]] = {}
        for org_id, text in NeedOffer.objects.filter(
            organisation_id__in=[o.pk for o in organisations]
        ).values_list("organisation_id", "text"):
            texts.setdefault(org_id, []).append(text)
        rows = []
        for organisation in organisations:
            rows += _rows(organisation, texts.get(organisation.pk, []))
        DirectoryTerm.objects.bulk_create(rows, batch_size=1000)
        done += len(organisations)
        last_pk = organisations[-1].pk


def search(queryset, query: str):
    """Narrow a queryset of organisations to those matching every query word, annotated with
    `name_hits` (how many of the query words occur in the name) for ranking. Returns (queryset,
    searched): an empty query (or stop words only) leaves the queryset as it is, searched False.

    Each query word costs two uncorrelated subqueries (its matches, and its matches in names),
    which the database evaluates once per query rather than once per organisation: a common word
    that matches a third of 50,000 organisations still ranks them in one pass."""
    groups = query_stems(query)
    if not groups:
        return queryset, False
    in_name = []
    for stems in groups:
        terms = DirectoryTerm.objects.filter(term__in=sorted(stems))
        queryset = queryset.filter(pk__in=terms.values("organisation_id"))
        in_name.append(
            Case(
                When(pk__in=terms.filter(in_name=True).values("organisation_id"), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    return queryset.annotate(name_hits=sum(in_name[1:], in_name[0])), True


# --- Keeping the table current --------------------------------------------------------------------


def _organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex(instance)


_paused: ContextVar[bool] = ContextVar("network_search_paused", default=False)


@contextmanager
def paused():
    """Inside, changes to needs and offers do not reindex row by row: a service that replaces an
    organisation's whole set reindexes it once, after its commit."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _need_offer_changed(sender, instance, raw=False, **kwargs):
    if raw or _paused.get():
        return
    organisation = Organisation.objects.filter(pk=instance.organisation_id).first()
    if organisation is not None:
        reindex(organisation)


def connect() -> None:
    """Reindex on every save of an organisation and every saved or deleted need or offer
    (bulk_create sends no signal: services that use it call `reindex` themselves)."""
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="network.search.org")
    post_save.connect(_need_offer_changed, sender=NeedOffer, dispatch_uid="network.search.no")
    post_delete.connect(
        _need_offer_changed, sender=NeedOffer, dispatch_uid="network.search.no-delete"
    )


def disconnect() -> None:
    post_save.disconnect(sender=Organisation, dispatch_uid="network.search.org")
    post_save.disconnect(sender=NeedOffer, dispatch_uid="network.search.no")
    post_delete.disconnect(sender=NeedOffer, dispatch_uid="network.search.no-delete")
