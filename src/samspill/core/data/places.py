"""The demo's selection of municipalities: official codes from the shipped lists
(`core/data/reference/`, loaded by `core.reference.ensure_reference_data`). The demo's survey
answers come from these; a test checks that every one is in the official lists."""

DEMO_MUNICIPALITIES = {
    "NO": [
        "0301",  # Oslo
        "1103",  # Stavanger
        "1108",  # Sandnes
        "1506",  # Molde
        "1508",  # Ålesund
        "1804",  # Bodø
        "3107",  # Fredrikstad
        "3301",  # Drammen
        "3403",  # Hamar
        "3405",  # Lillehammer
        "3905",  # Tønsberg
        "4003",  # Skien
        "4204",  # Kristiansand
        "4601",  # Bergen
        "5001",  # Trondheim - Tråante
        "5501",  # Tromsø
    ],
    "DK": [
        "101",  # København
        "147",  # Frederiksberg
        "163",  # Herlev
        "165",  # Albertslund
        "175",  # Rødovre
        "183",  # Ishøj
        "190",  # Furesø
        "217",  # Helsingør
        "250",  # Frederikssund
        "259",  # Køge
        "260",  # Halsnæs
        "265",  # Roskilde
        "751",  # Aarhus
    ],
}
