"""The starting taxonomy of needs and offers. Migration 0002 creates it in every new hub (with its
own frozen copy of this list); the demo makes sure it is there too, for a database whose tables
were emptied (the browser tests flush them between tests)."""

from samspill.network.models import NeedOfferCategory

STARTING_CATEGORIES = [
    ("investment", "Investering", "Investering", "Investment"),
    ("grants-funding", "Tilskudd og finansiering", "Tilskud og finansiering", "Grants and funding"),
    ("mentoring", "Mentor og rådgivning", "Mentor og rådgivning", "Mentoring"),
    ("booking", "Booking", "Booking", "Booking"),
    ("distribution", "Distribusjon", "Distribution", "Distribution"),
    ("rights-management", "Rettighetsforvaltning", "Rettighedsforvaltning", "Rights management"),
    ("technology", "Teknologiutvikling", "Teknologiudvikling", "Technology development"),
    ("data-analytics", "Data og analyse", "Data og analyse", "Data and analytics"),
    ("marketing", "Markedsføring", "Markedsføring", "Marketing"),
    ("legal", "Juridisk hjelp", "Juridisk hjælp", "Legal help"),
    ("venues", "Scener og lokaler", "Spillesteder og lokaler", "Venues"),
    ("rehearsal-space", "Øvingslokaler", "Øvelokaler", "Rehearsal space"),
    ("studios", "Studio", "Studie", "Studios"),
    ("partnerships", "Partnerskap", "Partnerskaber", "Partnerships"),
    (
        "talent-recruitment",
        "Talent og rekruttering",
        "Talent og rekruttering",
        "Talent and recruitment",
    ),
]


def ensure_starting_categories() -> None:
    """Create the starting categories that are missing; editors' changes to others stay."""
    existing = set(NeedOfferCategory.objects.values_list("slug", flat=True))
    NeedOfferCategory.objects.bulk_create(
        NeedOfferCategory(slug=slug, name_nb=nb, name_da=da, name_en=en, sort_order=order * 10)
        for order, (slug, nb, da, en) in enumerate(STARTING_CATEGORIES)
        if slug not in existing
    )
