"""WCAG 1.4.10 (reflow): every data table in a template scrolls in its own region, named by the
table's caption and reachable by keyboard, so a table never makes the page wider than the screen."""

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "samspill"
TEMPLATES = sorted(p for p in SRC.glob("*/templates/**/*.html") if "<table" in p.read_text())
REGION = re.compile(
    r'<div class="table-scroll[^"]*" role="region" aria-labelledby="(?P<id>[^"]+)" tabindex="0">'
    r"\s*<table[^>]*>\s*<caption id=\"(?P<caption>[^\"]+)\"",
)


def test_there_are_tables_to_check():
    assert len(TEMPLATES) >= 20


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_every_table_sits_in_a_named_keyboard_scrollable_region(path):
    text = path.read_text()
    # Layout tables of emails (role="presentation") are no data tables.
    tables = len(re.findall(r"<table(?![^>]*role=\"presentation\")[\s>]", text))
    regions = list(REGION.finditer(text))
    assert len(regions) == tables, (
        f"{tables} table(s) but {len(regions)} wrapped in "
        '<div class="table-scroll" role="region" aria-labelledby="<caption id>" tabindex="0">'
    )
    for region in regions:
        assert region["id"] == region["caption"], "the region is named by its table's caption"
