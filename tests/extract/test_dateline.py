"""Wire datelines in the forms agencies and radio monitors write them."""

from __future__ import annotations

import pytest

from kg_builder.extract.dateline import find_dateline


@pytest.mark.parametrize(
    ("text", "place", "agency", "story"),
    [
        ("SAN SALVADOR, 3 JAN 90 -- [TEXT] A BOMB", "SAN SALVADOR, 3 JAN 90", None, "[TEXT]"),
        ("ROME (ITALY), 11 JAN 90 -- [TEXT] THE", "ROME (ITALY), 11 JAN 90", None, "[TEXT]"),
        ("LIMA, 7 FEB (REUTER) -- [TEXT] A", "LIMA, 7 FEB", "REUTER", "[TEXT]"),
        (
            "CARACAS (VENEZUELA), 17 JUL 89 (CANAL 8)\n-- [INTERVIEW]",
            "CARACAS (VENEZUELA), 17 JUL 89",
            "CANAL 8",
            "[INTERVIEW]",
        ),
        ("NAIROBI, June 8 (Reuters) - Gunmen", "NAIROBI, June 8", "Reuters", "Gunmen"),
        ("BEIRUT (AFP) - Islamic State", "BEIRUT", "AFP", "Islamic"),
        ("KYIV, Ukraine — Russian missiles", "KYIV, Ukraine", None, "Russian"),
        ("Kabul, Afghanistan (CNN) — A bomb", "Kabul, Afghanistan", "CNN", "A"),
        # a headline on lines of its own above the dateline
        (
            "Gunmen abduct worshippers in Nigeria\n\nKADUNA, Nigeria (Reuters) - Gunmen",
            "KADUNA, Nigeria",
            "Reuters",
            "Gunmen",
        ),
    ],
)
def test_a_dateline_gives_its_place_agency_and_where_the_story_starts(
    text: str, place: str, agency: str | None, story: str
) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)
    assert text[found.start : found.place_end] == place
    assert text[found.story :].split()[0] == story


@pytest.mark.parametrize(
    "text",
    [
        "Syria - Islamic State attack kills nine soldiers",  # a headline with a dash
        "SOCCER - BELGIUM BEAT TURKEY 2-1",  # a sports slug
        "Gunmen killed five people.\nBEIRUT (AFP) - A second bomb",  # the story began above
        "Islamic State (IS) - the group that once held Mosul - said on Sunday",
    ],
)
def test_no_dateline_where_the_story_opens_without_one(text: str) -> None:
    assert find_dateline(text) is None
