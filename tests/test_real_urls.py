"""Real addresses from public fact-check datasets (AVeriTeC, Snopes, PolitiFact, CoAID): a
newsroom cites sources like these, and a false rejection blocks publishing the fact-check.

Each passes in a URL field and as a link, as Chromium opens each as written. An address copied
from a page with a trailing no-break space carries it %-encoded (`%C2%A0`): it was an error as a
link, though the same address passes in a URL field; typed as itself, it is still an error.
"""

from __future__ import annotations

import pytest
from test_hostile_urls import VERDICT, body_with, field
from test_validate import check

from generator.validate import WEB_URL

# As the datasets have them (AVeriTeC writes '&' as '&amp;' in places).
REAL = [
    "https://www.politifact.com/factchecks/2024/aug/30/elizabeth-warren/jd-vance-joined-"
    "republican-letter-urging-doj-to-en/",
    "https://web.archive.org/web/20201130144023/https://checkyourfact.com/2020/11/03/fact-check-"
    "sean-connery-letter-steve-jobs-apple-1998/",
    "https://www.facebook.com/photo.php?fbid=551960552369167&set=a.112646526300574&type=3",
    "https://perma.cc/J4N6-39D5",
    "https://xn--registrationform-freesmartphone-sf5sja.blogspot.com/",
    "https://2009-2017.state.gov/",
    "https://web.archive.org/web/20230403105917/https://worldwide.espacenet.com/publicationDetails"
    "/biblio?II=0&amp;ND=3&amp;adjacent=true&amp;locale=en_EP&amp;FT=D&amp;date=20200903&amp;CC=US"
    "&amp;NR=2020279585A1&amp;KC=A1%C2%A0",
    "https://web.archive.org/web/20210123151451/https://www.spectator.com.au/2020/09/if-you-dont-"
    "want-to-be-kicked-in-the-head-dont-put-your-head-under-a-jackboot-its-not-only-selfish-its-"
    "stupid/%C2%A0",
]
NBSP_LINK = REAL[-1]


@pytest.mark.parametrize("url", REAL)
def test_a_real_source_address_passes_in_a_field_and_as_a_link(tmp_path, url):
    assert WEB_URL.match(url)  # the JSON Schema's pattern takes it too
    page = f"# About\n\nSee [the source]({url}) and <{url}>.\n"
    assert check(tmp_path, {**field(url), "pages/about.md": page}) == []


def test_a_percent_encoded_no_break_space_in_a_verdict_body_link_passes(tmp_path):
    """Written as %C2%A0 the character is there to read; the verdict publishes."""
    assert check(tmp_path, body_with(f"[source]({NBSP_LINK})")) == []


def test_a_no_break_space_typed_in_a_link_is_still_an_error(tmp_path):
    """Typed as itself, inside the address, nobody reading the text sees it."""
    typed = "https://www.spectator.com.au/2020/09/if-you-dont-want\u00a0to-be-kicked/"
    found = check(tmp_path, body_with(f"[source]({typed})"))
    assert found == [
        f"{VERDICT}:10:12: error: 'body': the link 'https://www.spectator.com.au/2020/09/if-"
        "you-dont-want\\xa0to-be-kicked/' contains an invisible character (U+00A0), which "
        "readers cannot see in the address; delete it"
    ]
