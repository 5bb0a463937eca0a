"""Official codes for the regions and municipalities the demo and the music offices need.

Norway: the 15 fylker of 2024 (2-digit) and kommune numbers (4-digit) of the same reform.
Denmark: the 5 regions (4-digit) and kommune codes (3-digit) of the capital area.
"""

NO_REGIONS = [
    ("03", "Oslo"),
    ("11", "Rogaland"),
    ("15", "Møre og Romsdal"),
    ("18", "Nordland"),
    ("31", "Østfold"),
    ("32", "Akershus"),
    ("33", "Buskerud"),
    ("34", "Innlandet"),
    ("39", "Vestfold"),
    ("40", "Telemark"),
    ("42", "Agder"),
    ("46", "Vestland"),
    ("50", "Trøndelag"),
    ("55", "Troms"),
    ("56", "Finnmark"),
]

# (code, name, region code)
NO_MUNICIPALITIES = [
    ("0301", "Oslo", "03"),
    ("1103", "Stavanger", "11"),
    ("1108", "Sandnes", "11"),
    ("1506", "Molde", "15"),
    ("1508", "Ålesund", "15"),
    ("1804", "Bodø", "18"),
    ("3107", "Fredrikstad", "31"),
    ("3301", "Drammen", "33"),
    ("3403", "Hamar", "34"),
    ("3405", "Lillehammer", "34"),
    ("3905", "Tønsberg", "39"),
    ("4003", "Skien", "40"),
    ("4204", "Kristiansand", "42"),
    ("4601", "Bergen", "46"),
    ("5001", "Trondheim", "50"),
    ("5501", "Tromsø", "55"),
]

DK_REGIONS = [
    ("1081", "Region Nordjylland"),
    ("1082", "Region Midtjylland"),
    ("1083", "Region Syddanmark"),
    ("1084", "Region Hovedstaden"),
    ("1085", "Region Sjælland"),
]

DK_MUNICIPALITIES = [
    ("101", "København", "1084"),
    ("147", "Frederiksberg", "1084"),
    ("163", "Herlev", "1084"),
    ("165", "Albertslund", "1084"),
    ("175", "Rødovre", "1084"),
    ("183", "Ishøj", "1084"),
    ("190", "Furesø", "1084"),
    ("217", "Helsingør", "1084"),
    ("250", "Frederikssund", "1084"),
    ("260", "Halsnæs", "1084"),
    ("259", "Køge", "1085"),
    ("265", "Roskilde", "1085"),
    ("751", "Aarhus", "1082"),
]
