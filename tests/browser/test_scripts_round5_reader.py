"""A reader searching a site written in Khmer, Lao, Burmese, Tibetan, Amharic or Tamil.

Khmer, Lao, Burmese and Tibetan have no spaces between words, and Pagefind splits none of them: a
word inside a claim's sentence (ភ្នំពេញ in …រាជធានីភ្នំពេញបានកើនឡើង…) found nothing, only a query
for the sentence's first letters did. The index now has each word in pieces, as pairs, and the
search cuts a query the same way (search.py `in_pieces`, search.js `inPieces`); the excerpt is put
back together. Pagefind also matched a word with its marks taken off, and in Tamil or Khmer those
are the vowels: விலை (price) found a claim about வேலையின்மை (unemployment). Amharic writes የ
("of") onto the next word, and ጤፍ did not find የጤፍ.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from browserkit import goto_path, serve, wait_for_search

from generator.cli import main
from tests.test_any_language import translate

URL = "https://desk.example/"
# language -> {claim id: (claim, a word inside it, not at its start)}
CLAIMS = {
    "km": {
        "phnom-penh-jobs": (
            "អត្រាអ្នកអត់ការងារធ្វើនៅរាជធានីភ្នំពេញបានកើនឡើងទ្វេដងចាប់ពីឆ្នាំ២០២២ដល់ឆ្នាំ២០២៥។",
            "ភ្នំពេញ",
        ),
        "new-schools": ("រដ្ឋាភិបាលបានសាងសង់សាលារៀនថ្មីចំនួនមួយពាន់ក្នុងឆ្នាំនេះ។", "សាលារៀន"),
        # Every piece of សាលារៀន (សា លា រៀ ន) is here, but not side by side.
        "english-lessons": ("សិស្សរៀនភាសាអង់គ្លេសនៅប្រទេសលាវច្រើនជាងមុនពីរដង។", "អង់គ្លេស"),
    },
    "lo": {
        "vientiane-jobs": (
            "ອັດຕາການຫວ່າງງານຢູ່ນະຄອນຫຼວງວຽງຈັນເພີ່ມຂຶ້ນສອງເທົ່າແຕ່ປີ2022ຫາປີ2025.",
            "ວຽງຈັນ",
        ),
        "new-schools": ("ລັດຖະບານໄດ້ສ້າງໂຮງຮຽນໃໝ່ໜຶ່ງພັນແຫ່ງໃນປີນີ້.", "ໂຮງຮຽນ"),
    },
    "my": {
        "yangon-jobs": (
            "ရန်ကုန်မြို့တွင်အလုပ်လက်မဲ့နှုန်းသည်၂၀၂၂ခုနှစ်မှ၂၀၂၅ခုနှစ်အတွင်းနှစ်ဆတိုးလာသည်။",
            "အလုပ်လက်မဲ့",
        ),
        "rice-price": ("မန္တလေးတွင်ဆန်ဈေးနှုန်းသည်တစ်နှစ်အတွင်းသုံးဆမြင့်တက်လာသည်။", "ဈေးနှုန်း"),
    },
    "bo": {
        "lhasa-jobs": ("ལྷ་སའི་ནང་ལས་ཀ་མེད་པའི་ཚད་གཞི་ལོ་གསུམ་ནང་ལྡབ་གཉིས་འཕར་སོང་།", "ལས་ཀ"),
        "new-schools": ("གཞུང་གིས་ལོ་འདིར་སློབ་གྲྭ་གསར་པ་སྟོང་ཕྲག་གཅིག་བཞེངས་པ་རེད།", "སློབ་གྲྭ"),
    },
    "am": {
        "addis-jobs": ("በአዲስ አበባ የሥራ አጥነት መጠን ከ2022 እስከ 2025 በእጥፍ ጨምሯል።", "ጨምሯል"),
        "teff-price": ("የጤፍ ዋጋ፣ የስንዴ ዋጋ እና የዘይት ዋጋ በአንድ ዓመት ውስጥ በሦስት እጥፍ አድጓል።", "ጤፍ"),
    },
    "ta": {
        "chennai-jobs": (
            "சென்னையில் வேலையின்மை விகிதம் 2022 முதல் 2025 வரை இரண்டு மடங்கு உயர்ந்தது.",
            "வேலையின்மை",
        ),
        "rice-price": ("மதுரையில் அரிசியின் விலை ஒரே ஆண்டில் மூன்று மடங்கு உயர்ந்தது.", "விலை"),
    },
}
CLAIMANTS = {"km": "សុខ ចាន់ធា", "lo": "ສົມສັກ ວົງສະຫວັນ", "my": "အောင်ကျော်", "bo": "བཀྲ་ཤིས།"}
SUMMARY = {
    "km": "តួលេខរបស់វិទ្យាស្ថានជាតិស្ថិតិបង្ហាញថាកំណើនមានត្រឹមតែដប់ភាគរយ។",
    "am": "የስታቲስቲክስ አገልግሎት አሃዞች እንደሚያሳዩት ጭማሪው አሥር በመቶ ብቻ ነው።",
    "ta": "புள்ளியியல் துறையின் எண்ணிக்கைகளின்படி உயர்வு பத்து சதவீதம் மட்டுமே.",
}
FOUND = [(lang, cid) for lang, claims in CLAIMS.items() for cid in claims]


def _build(root: Path, lang: str) -> Path:
    desk = root / "desk"
    argv = ["init", str(desk), "--name", "Desk", "--url", URL, "--language", lang]
    assert main(argv) == 0
    for po in desk.glob("locale/*/LC_MESSAGES/messages.po"):
        translate(po)
    content = desk / "content"
    claimant = CLAIMANTS.get(lang, "Abebe Kebede")
    (content / "people" / "said.yaml").write_text(f'name: "{claimant}"\nkind: person\n', "utf-8")
    (content / "people" / "ed.yaml").write_text('name: "Ed Checker"\nkind: person\n', "utf-8")
    summary = SUMMARY.get(lang, "Official figures show a rise of a tenth.")
    for cid, (claim, _) in CLAIMS[lang].items():
        (content / "claims" / f"{cid}.yaml").write_text(
            f'claim: "{claim}"\nclaimant: said\ndate: 2026-03-01\nappearances:\n'
            f'  - url: "https://news.example/{cid}"\n',
            "utf-8",
        )
        (content / "verdicts" / f"{cid}.yaml").write_text(
            f'claim: {cid}\nrating: false\nsummary: "{summary}"\nbody: "{summary} [@stats]"\n'
            'sources:\n  - id: stats\n    title: "Survey"\n    url: "https://stat.example/s"\n'
            "authors: [ed]\npublished: 2026-03-05\n",
            "utf-8",
        )
    out = root / "site"
    config = str(desk / "mkdocs.yml")
    argv = ["build", "--content", str(content), "--out", str(out), "--config", config]
    assert main(argv) == 0
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    built: dict[str, Path] = {}

    def site(lang: str) -> Path:
        if lang not in built:
            built[lang] = _build(tmp_path_factory.mktemp(lang), lang)
        return built[lang]

    return site


def _search(make_page, site: Path, query: str, **context) -> tuple[list[str], object]:
    with serve(site) as base:
        page, log = make_page(base, **context)
        goto_path(page, f"?q={quote(query)}")
        wait_for_search(page)
        found = page.evaluate(
            """() => [...document.querySelectorAll('.fc-search__result a')]
                .map(a => new URL(a.href).pathname)"""
        )
        excerpts = page.evaluate(
            """() => [...document.querySelectorAll('.fc-search__excerpt')].map(p => ({
                text: p.textContent, marked: [...p.querySelectorAll('mark')].map(m => m.textContent)
            }))"""
        )
        log.assert_clean(f"search for {query}")
    return found, excerpts


@pytest.mark.parametrize(("lang", "cid"), FOUND, ids=[f"{lang}-{cid}" for lang, cid in FOUND])
def test_a_word_inside_a_sentence_finds_its_claim_and_no_other(sites, make_page, lang, cid):
    word = CLAIMS[lang][cid][1]
    found, _ = _search(make_page, sites(lang), word)
    assert found == [f"/claims/{cid}/"], (word, found)


def test_the_excerpt_reads_as_the_claim_is_written_with_the_word_marked(sites, make_page):
    claim, word = CLAIMS["km"]["phnom-penh-jobs"]
    _, excerpts = _search(make_page, sites("km"), word, viewport={"width": 360, "height": 740})
    (excerpt,) = excerpts
    assert excerpt["marked"] == [word]
    sentence = excerpt["text"].split("។")[0].strip()
    assert len(sentence) > 20 and sentence in claim, excerpt["text"]  # no spaces put in


def test_a_khmer_name_is_found_by_its_second_word_and_listed_whole(sites, make_page):
    site = sites("km")
    found, excerpts = _search(make_page, site, "ចាន់ធា")
    assert len(found) == 3  # the claimant of every claim
    assert "សុខ ចាន់ធា" in excerpts[0]["text"]
    with serve(site) as base:
        page, log = make_page(base)
        goto_path(page, f"?q={quote('ភ្នំពេញ')}")
        wait_for_search(page)
        page.locator("select[data-facet=claimant]").focus()
        page.wait_for_function(
            "() => document.querySelector('select[data-facet=claimant]').options.length > 1"
        )
        options = page.locator("select[data-facet=claimant] option").all_inner_texts()
        log.assert_clean("claimant filter")
    assert any(o.startswith("សុខ ចាន់ធា") for o in options), options


@pytest.mark.parametrize("lang", list(CLAIMS))
def test_a_claim_page_fits_a_phone(sites, make_page, lang):
    cid = next(iter(CLAIMS[lang]))
    with serve(sites(lang)) as base:
        page, log = make_page(base, viewport={"width": 360, "height": 740})
        goto_path(page, f"claims/{cid}/")
        wider = page.evaluate(
            "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
        log.assert_clean(f"{lang} claim page")
    assert wider <= 0
