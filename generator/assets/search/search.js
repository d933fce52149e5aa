// Fact-check search: Pagefind's JS API behind a small, accessible UI. Everything is fetched from this
// site: pagefind/pagefind.js (loaded on first use), its WebAssembly, and only the index chunks and
// result fragments a query needs. The build writes the rating scale (and, on a site indexed in
// parts, the parts' folders; with claims in Japanese, Chinese or Thai, the index languages; where
// the index cuts Khmer, Lao, Burmese and Tibetan words into pieces) into CONFIG below.
const CONFIG = /*@config*/ { ratings: [], facets: ["rating", "topic", "claimant", "year"], claimsIndex: "claims/", lang: "en", dir: "ltr", strings: {} } /*@end*/;
// The words, from the site's message catalog: the build writes them into CONFIG.strings. A page in
// another language (a translated fact check: <html lang>) takes that language's, in CONFIG.languages.
const PAGE_LANG = document.documentElement.lang;
const OWN_STRINGS = (CONFIG.languages || {})[PAGE_LANG];
const LANG = OWN_STRINGS ? PAGE_LANG : CONFIG.lang;
const T = OWN_STRINGS || CONFIG.strings;
const PLURAL = new Intl.PluralRules(LANG);
const NUMBER = new Intl.NumberFormat(LANG);
// A plural message by the CLDR category of n, with %(name)d placeholders filled in.
function plural(forms, n, values) {
  const text = forms[PLURAL.select(n)] || forms.other || forms.many || Object.values(forms)[0];
  return text.replace(/%\((\w+)\)d/g, (_, key) => NUMBER.format(values[key]));
}

const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const ROOT = new URL("../../", import.meta.url); // this file is <root>/assets/search/search.js
const PAGE_SIZE = 10;
const RATING_BY_ID = new Map(CONFIG.ratings.map((r) => [r.id, r]));
const RATING_BY_LABEL = new Map(CONFIG.ratings.map((r) => [r.label, r]));
const RATING_ORDER = new Map(CONFIG.ratings.map((r, i) => [r.label, i]));

// The parts of the index, "1" (pagefind/ itself), "2" (CONFIG.parts[0])...
const PARTS = ["1", ...(CONFIG.parts || []).map((_, i) => String(i + 2))];
// The indexes searched, each tagged with the filter PART_FILTER: "1" (pagefind/ in the language
// Pagefind loads first), then each other part ("2"...) or, with several index languages, each
// other language of each part ("1-ja", "2-en", "2-ja"...). Known once Pagefind is loaded.
let INDEXES = ["1"];
const PART_FILTER = "fc-part";
const BUNDLE_URL = "pagefind/";
const EXACT = /^\s*".+"\s*$/; // Pagefind's exact search: every word must be there anyway
const NOTHING = { results: [], filters: {} };
// A pasted paragraph is searched as Pagefind searches it, without counting each word in each part
// first (at 100,000 claims up to half a second a word).
const CHECKED_WORDS = 8;

let pagefindPromise = null;

// Khmer, Lao, Burmese and Tibetan have no spaces between words, and Pagefind splits none of them.
// The index has each of their words cut into pieces at the places CONFIG.pieceBreaks (search.py
// PIECE_BREAKS) finds, written as each two neighbouring pieces and the last alone (ភ្នំពេញ as
// ភ្នំពេ ពេញ ញ): a query word is searched as its pairs (ភ្នំពេ ពេញ), and so found inside a sentence,
// only where its pieces are side by side. Excerpts are put back together (`unpieced`).
const PIECE_BREAK = CONFIG.pieceBreaks ? new RegExp(CONFIG.pieceBreaks, "u") : null;
const PIECED_SCRIPTS = /[\u0E81-\u0EDF\u0F00-\u0FFF\u1000-\u109F\u1780-\u17FF]/u;

function inPieces(term) {
  if (!PIECE_BREAK) return term;
  return term
    .split(/(\s+)/)
    .map((word, i) => {
      const pieces = i % 2 ? [word] : word.split(PIECE_BREAK);
      return pieces.length > 1 ? pieces.slice(1).map((b, j) => pieces[j] + b).join(" ") : word;
    })
    .join("");
}

// An excerpt (HTML with <mark>s) as the claim writes it: a word that begins with the last piece of
// the word before it, a space apart, goes on that word (ភ្នំពេ ពេញ ញ is ភ្នំពេញ), and a space the
// text had between two pieces (" \u2060 ") is one space again.
function unpieced(html) {
  if (!PIECE_BREAK || !html) return html;
  const out = [];
  let last = null; // the pieces of the word before, while only a space and marks followed it
  let space = -1; // where that space is in `out`
  for (const part of html.split(/(<\/?mark>| )/)) {
    if (!part) continue;
    if (part === " ") {
      space = last && space < 0 ? out.length : -2;
      out.push(part);
    } else if (part === "<mark>" || part === "</mark>") {
      out.push(part);
    } else {
      const pieces = part.split(PIECE_BREAK);
      const goesOn = space >= 0 && last.length > 1 && pieces[0] === last[last.length - 1];
      if (goesOn) out[space] = "";
      out.push(goesOn ? pieces.slice(1).join("") : part);
      last = pieces;
      space = -1;
    }
  }
  return out.join("").replace(/ ?\u2060 ?/g, " ");
}

// Pagefind also matches a word with its marks taken off (Sao Paulo finds São Paulo). In the scripts
// whose vowels are marks that leaves the consonants: Tamil விலை (price) found every word that
// begins வல, a Khmer piece every one that begins with its first letter. A site in one of them
// matches marks as typed.
const VOWEL_MARK_SCRIPTS = ["Beng", "Deva", "Gujr", "Guru", "Khmr", "Knda", "Laoo", "Mlym", "Mymr", "Orya", "Sinh", "Taml", "Telu", "Thai", "Tibt"];
function writesVowelsAsMarks(lang) {
  try {
    return VOWEL_MARK_SCRIPTS.includes(new Intl.Locale(lang).maximize().script);
  } catch {
    return false;
  }
}

const escapeHtml = (text) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// The excerpt of a result for `typed` (the query as the reader typed it), `unpieced`. Pagefind marks
// the pairs of a query in pieces, which `unpieced` cannot always put back whole: the words typed
// are marked instead, where the excerpt has them.
function excerptFor(html, typed) {
  const text = unpieced(html);
  if (!text || !typed || !PIECED_SCRIPTS.test(typed)) return text;
  const plain = text.replace(/<\/?mark>/g, "");
  const words = typed.split(/\s+/).filter(Boolean).map((w) => escapeRegExp(escapeHtml(w)));
  return plain.replace(new RegExp(words.join("|"), "gu"), (w) => `<mark>${w}</mark>`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Each part (and each language of a part) is searched alone, and Pagefind answers a word that part
// lacks with the pages of the longest word it has that begins the same way, or, in a query of
// several words, ignores the word: a part without "assembly" answers "assembly" with pages that have
// "as", and a part without "obama" answers "obama health" with every page about health. A whole
// index does either only when no page has the word. So a part (INDEXES: each language of a part
// counts as one) is searched only if it has every word of the query that some part has. Returns the
// filters that say so (the reader's, narrowed to those parts), or null when no part has them all: no
// result. What is left: a part that has only longer forms of a word ("obamacare" but not "obama") is
// left out for it, and a word still being typed ("obam"), which no part has whole, is left to
// Pagefind in each part.
async function partsWithEveryWord(pf, term, filters) {
  const words = [...new Set(term.split(/\s+/).map((w) => w.replaceAll('"', "")).filter(Boolean))];
  if (INDEXES.length < 2 || !words.length || words.length > CHECKED_WORDS || EXACT.test(term)) {
    return filters;
  }
  const counts = await Promise.all(words.map((w) => pagesPerPart(pf, w)));
  const found = counts.filter((c) => Object.values(c).some((n) => n > 0));
  const parts = INDEXES.filter((p) => found.every((c) => c[p] > 0));
  if (!parts.length) return null;
  return parts.length === INDEXES.length ? filters : { ...filters, [PART_FILTER]: { any: parts } };
}

// Hebrew and Arabic write short words onto the next one: האבטלה "the unemployment", באבטלה "in
// unemployment"; البطالة, والبطالة, للبطالة; Amharic too: የጤፍ "of teff", በአዲስ "in Addis". Pagefind matches a query word only at the start of an
// indexed word (and has no Hebrew stemmer; its Arabic one takes off only some of these), so
// אבטלה missed every claim that writes האבטלה. A Hebrew, Arabic or Amharic query word is also searched with
// each such prefix written onto it, one search per combination of the forms the index has, and
// the lists are merged: each page once, at its best score, its excerpt from the search that scored
// it (the word marked as the claim writes it). Nothing invented is indexed. Any other query is
// searched exactly as before.
const HEBREW_WORD = /^\p{Script=Hebrew}{2,}$/u;
const ARABIC_WORD = /^\p{Script=Arabic}{2,}$/u;
const HEBREW_PREFIXES = ["ה", "ו", "ב", "ל", "מ", "ש", "כ", "וה", "וב", "ול", "ומ", "וש", "שה", "שב", "של", "שמ", "מה", "כש", "וכש"];
const ETHIOPIC_WORD = /^\p{Script=Ethiopic}{2,}$/u;
const ETHIOPIC_PREFIXES = ["የ", "በ", "ለ", "ከ", "እንደ", "ስለ"];
const ARABIC_PREFIXES = ["ال", "و", "ف", "ب", "ك", "ل", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب", "ول", "فب", "فل"];
// At most this many searches for one query (the word as typed is one): the forms with most pages
// are kept.
const MAX_COMBINATIONS = 8;

// The written forms of `word` with the short words attached (not the word itself).
function prefixedForms(word) {
  if (HEBREW_WORD.test(word)) return HEBREW_PREFIXES.map((p) => p + word);
  if (ETHIOPIC_WORD.test(word)) return ETHIOPIC_PREFIXES.map((p) => p + word);
  if (!ARABIC_WORD.test(word)) return [];
  if (!word.startsWith("ال")) return ARABIC_PREFIXES.map((p) => p + word);
  const bare = word.slice(2); // البطالة: والبطالة, بالبطالة... and للبطالة (ل + ال)
  return [...["و", "ف", "ب", "ك"].map((p) => p + word), ...["لل", "ولل", "فلل"].map((p) => p + bare)];
}

// The pages that have `form` as a whole word, as a key (a quoted search: no prefix match, and none
// of the shorter word Pagefind answers an unknown word with, so כי never stands in for כישראל).
// Arabic forms the stemmer makes one (البطالة, بالبطالة, للبطالة) have the same pages.
const FORM_PAGES = new Map();
function pagesWithForm(pf, form) {
  if (!FORM_PAGES.has(form)) {
    const counted = pf.search(`"${form}"`).then((s) => s.results.map((r) => r.id).sort().join(" "));
    counted.catch(() => FORM_PAGES.delete(form));
    FORM_PAGES.set(form, counted);
  }
  return FORM_PAGES.get(form);
}

// The queries that search `term` with its Hebrew and Arabic words also in the prefixed forms some
// page has, the term as typed first; null when there are none (a term in another script never
// asks anything): search it as before.
async function prefixedQueries(pf, term) {
  if (EXACT.test(term)) return null;
  const words = term.split(/\s+/).filter(Boolean);
  const candidates = words.map(prefixedForms);
  if (!candidates.some((forms) => forms.length)) return null;
  const options = await Promise.all(
    words.map(async (word, i) => {
      const pages = await Promise.all(candidates[i].map((form) => pagesWithForm(pf, form)));
      const seen = new Set([await pagesWithForm(pf, word)]);
      // One form for each set of pages (the first), none without pages, most pages first.
      const found = candidates[i]
        .map((form, j) => [form, pages[j]])
        .filter(([, key]) => key && !seen.has(key) && seen.add(key))
        .sort((a, b) => b[1].split(" ").length - a[1].split(" ").length)
        .map(([form]) => form);
      return [word, ...found]; // as typed first
    }),
  );
  // Fewer forms of the word with the most until the combinations fit.
  const size = () => options.reduce((n, o) => n * o.length, 1);
  while (size() > MAX_COMBINATIONS) options.reduce((a, b) => (b.length > a.length ? b : a)).pop();
  if (size() === 1) return null;
  let queries = [[]];
  for (const forms of options) queries = queries.flatMap((q) => forms.map((f) => [...q, f]));
  return queries.map((q) => q.join(" "));
}

// How many pages of each part have the word exactly, once per word. Asked through a part that does
// not exist, so Pagefind scores no page and only counts the word's pages by filter (totalFilters):
// at 100,000 claims about a quarter of the time of the search itself.
const PAGES_PER_PART = new Map();
function pagesPerPart(pf, word) {
  if (!PAGES_PER_PART.has(word)) {
    const counted = pf
      .search(`"${word}"`, { filters: { [PART_FILTER]: "0" } })
      .then((s) => (s.totalFilters || {})[PART_FILTER] || {});
    counted.catch(() => PAGES_PER_PART.delete(word)); // ask again next time
    PAGES_PER_PART.set(word, counted);
  }
  return PAGES_PER_PART.get(word);
}

// Claims in Japanese, Chinese or Thai on a site in another language are indexed in their own
// language (Pagefind splits their words only there): CONFIG.indexLanguages, the site's first. Pagefind
// loads one language of a bundle, the page's; the others are merged in as if they were other sites.
const INDEX_LANGUAGES = CONFIG.indexLanguages || null;

// The language Pagefind loads from a bundle for a page in `lang` (its findIndex): that one, else its
// first subtag, else the language with the most pages.
function loadedLanguage(languages, lang) {
  if (languages[lang]) return lang;
  if (languages[lang.split("-")[0]]) return lang.split("-")[0];
  const top = Object.entries(languages).sort((a, b) => b[1].page_count - a[1].page_count)[0];
  return top ? top[0] : null;
}

// Pagefind starts in the language of <html lang>, read as it starts, and searches every language
// with that one's WebAssembly (its stemmer). On a site with several index languages it starts in the
// site's (a Japanese claim page would stem English words as Japanese, not at all), and the page's
// lang is back before anything else runs.
function initIn(pf, language) {
  const html = document.documentElement;
  const own = html.getAttribute("lang");
  if (language) html.setAttribute("lang", language);
  try {
    return pf.init();
  } finally {
    if (language) own === null ? html.removeAttribute("lang") : html.setAttribute("lang", own);
  }
}

// What to merge into the first bundle's first language, as { url, key (INDEXES), language }: each
// other part, and on a site with several index languages each language of each part (a part has
// only those of its claims). A bundle merged again in another language is named by its whole
// address: Pagefind skips a path that its own begins with.
async function merges() {
  const bundles = [BUNDLE_URL, ...(CONFIG.parts || [])].map((b) => new URL(b, ROOT));
  if (!INDEX_LANGUAGES) return bundles.slice(1).map((url, i) => ({ url: url.pathname, key: PARTS[i + 1] }));
  const entries = await Promise.all(
    bundles.map(async (url) => {
      const answer = await fetch(new URL("pagefind-entry.json", url));
      if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
      return (await answer.json()).languages || {};
    }),
  );
  const loaded = loadedLanguage(entries[0], INDEX_LANGUAGES[0]);
  return entries.flatMap((languages, i) =>
    Object.keys(languages)
      .filter((language) => i > 0 || language !== loaded)
      .map((language) => ({ url: bundles[i].href, key: `${PARTS[i]}-${language}`, language })),
  );
}

function loadPagefind() {
  if (!pagefindPromise) {
    pagefindPromise = import(new URL(BUNDLE_URL + "pagefind.js", ROOT).href).then(async (pf) => {
      const options = { baseUrl: ROOT.pathname, excerptLength: 24 };
      if (writesVowelsAsMarks(CONFIG.lang)) options.exactDiacritics = true;
      // A large site's index is in parts (CONFIG.parts: pagefind/part-2/...), a site with claims
      // in Japanese, Chinese or Thai in several languages: each is merged into this one, searched
      // with its WebAssembly, and gives one list of results and of filters. Every page of each
      // carries the filter PART_FILTER=its key (INDEXES), for partsWithEveryWord.
      const several = PARTS.length > 1 || INDEX_LANGUAGES !== null;
      const tagged = (key) => (several ? { ...options, mergeFilter: { [PART_FILTER]: key } } : options);
      await pf.options(tagged(INDEXES[0]));
      await initIn(pf, INDEX_LANGUAGES && INDEX_LANGUAGES[0]);
      const more = await merges();
      await Promise.all(
        more.map(({ url, key, language }) => pf.mergeIndex(url, language ? { ...tagged(key), language } : tagged(key))),
      );
      INDEXES = [INDEXES[0], ...more.map((m) => m.key)];
      return pf;
    });
    pagefindPromise.catch(() => {
      pagefindPromise = null; // let a later keystroke try again
    });
  }
  return pagefindPromise;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// Pagefind excerpts are HTML with <mark> around matches. Keep only the text and the marks: the
// excerpt is parsed in an inert <template> and rebuilt node by node, so nothing else can get in.
function safeExcerpt(htmlText) {
  const tpl = document.createElement("template");
  tpl.innerHTML = htmlText || "";
  const out = document.createDocumentFragment();
  const walk = (node, into) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) into.append(child.textContent);
      else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.localName === "mark") {
          const m = document.createElement("mark");
          walk(child, m);
          into.append(m);
        } else walk(child, into);
      }
    }
  };
  walk(tpl.content, out);
  return out;
}

// The same badge as on the claim pages (class names, colours, icon, screen-reader prefix).
function badge(meta) {
  const rating = RATING_BY_ID.get(meta.rating_id) || RATING_BY_LABEL.get(meta.rating);
  const label = meta.rating || (rating && rating.label) || T.underReview;
  // A status, not a rating: under review (…), or retracted (⊘, as the claim page's badge).
  const retracted = !rating && meta.rating_id === "retracted";
  const b = el("span", { class: "fc-badge fc-badge--small fc-search__badge", "data-rating": meta.rating_id || null });
  if (rating && rating.bg) {
    b.style.setProperty("--fc-badge-bg", rating.bg);
    b.style.setProperty("--fc-badge-fg", rating.fg);
  } else if (!rating) b.classList.add("fc-badge--review", ...(retracted ? ["fc-badge--retracted"] : []));
  b.append(el("span", { class: "fc-sr fc-search__sr" }, (rating ? T.rating : T.status) + " "));
  const icon = rating ? rating.icon : retracted ? "\u2298" : "\u2026";
  b.append(el("span", { class: "fc-badge__icon", "aria-hidden": "true" }, icon));
  b.append(" ", el("span", { class: "fc-badge__label" }, label));
  return b;
}

function first(values) {
  return Array.isArray(values) && values.length ? values[0] : null;
}

// A year is written in the page's digits (۲۰۲۶ on a Persian page), as the page writes its dates.
const YEAR = new Intl.NumberFormat(LANG, { useGrouping: false });
// A language filter's value is its tag (uk): shown as the language's name in the page's language.
let LANGUAGE_NAMES = null;
function optionName(facet, value) {
  if (facet === "year") return /^\d+$/.test(value) ? YEAR.format(Number(value)) : value;
  if (facet !== "language") return value;
  try {
    LANGUAGE_NAMES = LANGUAGE_NAMES || new Intl.DisplayNames([LANG], { type: "language" });
    return LANGUAGE_NAMES.of(value) || value;
  } catch {
    return value;
  }
}

function sortValues(facet, values) {
  const names = Object.keys(values);
  if (facet === "rating") {
    const at = (v) => (RATING_ORDER.has(v) ? RATING_ORDER.get(v) : 1e6);
    return names.sort((a, b) => at(a) - at(b) || a.localeCompare(b));
  }
  if (facet === "year") return names.sort((a, b) => b.localeCompare(a));
  return names.sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "base" }));
}

// The panel under the box: filters, status line, results and "More results". Built here from the
// catalog's words (CONFIG.strings) rather than written into every page, where it was 1.1 KB of each
// (the box shows only with JavaScript anyway). A site's own partials/search.html may still carry one.
function buildPanel(root) {
  const names = T.facets || {};
  const filters = CONFIG.facets
    .filter((facet) => names[facet])
    .map((facet) =>
      el(
        "label",
        { class: "fc-search__filter" },
        names[facet] + " ",
        el("select", { "data-facet": facet }, el("option", { value: "" }, T.any)),
      ),
    );
  const panel = el(
    "section",
    { class: "fc-search__panel", id: "fc-search-panel", "aria-label": T.panel, hidden: true },
    el(
      "fieldset",
      { class: "fc-search__filters" },
      el("legend", {}, T.filters),
      el("div", { class: "fc-search__grid" }, ...filters, el("button", { type: "button", class: "fc-search__clear", hidden: true }, T.clear)),
    ),
    el("p", { class: "fc-search__status", role: "status", "aria-live": "polite" }),
    el("ol", { class: "fc-search__results" }),
    el("button", { type: "button", class: "fc-search__more", hidden: true }, T.more),
  );
  root.append(panel);
  return panel;
}

class SearchBox {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.input = root.querySelector("input[type=search]");
    this.panel = root.querySelector(".fc-search__panel") || buildPanel(root);
    this.status = root.querySelector(".fc-search__status");
    this.list = root.querySelector(".fc-search__results");
    this.more = root.querySelector(".fc-search__more");
    this.clear = root.querySelector(".fc-search__clear");
    this.selects = new Map();
    for (const s of root.querySelectorAll("select[data-facet]")) this.selects.set(s.dataset.facet, s);
    // A facet the build adds for this site's content (language, when claims are in several), made
    // like the theme's own, before the "Clear filters" button.
    const clearButton = root.querySelector(".fc-search__clear");
    for (const facet of CONFIG.facets) {
      const name = (T.facets || {})[facet] || T[facet];
      if (this.selects.has(facet) || !name || !clearButton) continue;
      const select = el("select", { "data-facet": facet }, el("option", { value: "" }, T.any));
      clearButton.before(el("label", { class: "fc-search__filter" }, name + " ", select));
      this.selects.set(facet, select);
    }
    this.results = [];
    this.shown = 0;
    this.generation = 0;
    this.filtersLoaded = false; // the options are filled in from the index
    // Pagefind's filter files (a good part of what a first query would download, and more with every
    // part of a large index) are fetched once the reader reaches for a filter, not for every query.
    this.filtersWanted = false;
    this.quiet = false;

    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.open();
      this.run(0);
    });
    this.input.addEventListener("input", () => {
      this.open();
      this.run(250);
    });
    // Focus opens the panel: the filters are there to browse by before a word is typed.
    this.input.addEventListener("focus", () => {
      if (this.quiet) return;
      this.open();
      if (!this.list.childElementCount) this.run(0);
    });
    root.addEventListener("focusout", (e) => {
      if (e.relatedTarget && !root.contains(e.relatedTarget)) this.close();
    });
    const fieldset = this.panel.querySelector("fieldset") || this.panel;
    fieldset.addEventListener("focusin", () => this.wantFilters());
    fieldset.addEventListener("pointerdown", () => this.wantFilters());
    for (const s of this.selects.values()) {
      s.addEventListener("change", () => {
        this.open();
        this.run(0);
      });
    }
    this.clear.addEventListener("click", () => {
      for (const s of this.selects.values()) s.value = "";
      this.run(0);
      this.input.focus();
    });
    this.more.addEventListener("click", async () => {
      const first = this.shown; // the first new result: where the reader goes on reading
      await this.showMore();
      // The button hides with the last batch while it has the focus, which dropped to <body>
      // (out of the panel: Escape no longer closed it). Focus moves to the first new result.
      if (this.more.hidden) this.list.children[first]?.querySelector("a")?.focus();
    });
    root.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !this.panel.hidden) {
        e.preventDefault();
        this.close();
        this.quiet = true; // back to the box without opening the panel again
        this.input.focus();
        this.quiet = false;
      }
    });
    document.addEventListener("click", (e) => {
      if (!this.panel.hidden && !root.contains(e.target)) this.close();
    });
    root.hidden = false;
  }

  open() {
    this.panel.hidden = false;
  }

  close() {
    this.panel.hidden = true;
  }

  selected() {
    const filters = {};
    for (const [facet, s] of this.selects) if (s.value) filters[facet] = s.value;
    return filters;
  }

  // The reader reached for a filter: fetch the filters and count the current query's options.
  async wantFilters() {
    if (this.filtersWanted) return;
    this.filtersWanted = true;
    const generation = this.generation;
    try {
      const pf = await loadPagefind();
      const term = inPieces(this.input.value.trim());
      const filters = this.selected();
      const { all, counts } =
        term || Object.keys(filters).length
          ? await this.query(pf, term, filters, true)
          : { all: await pf.filters(), counts: null };
      if (generation === this.generation) this.fillFilters(all, counts);
    } catch (err) {
      this.filtersWanted = false; // let the next try fetch them again
    }
  }

  // Options come from the whole index; counts from the current query (what each choice would leave).
  fillFilters(all, counts) {
    for (const [facet, select] of this.selects) {
      const values = (all && all[facet]) || {};
      const current = select.value;
      const names = sortValues(facet, values);
      if (!this.filtersLoaded || select.options.length !== names.length + 1) {
        select.replaceChildren(el("option", { value: "" }, T.any));
        for (const v of names) select.append(el("option", { value: v }, v));
        select.value = current;
      }
      for (const option of select.options) {
        if (!option.value) continue;
        const n = counts ? (counts[facet] || {})[option.value] || 0 : values[option.value] || 0;
        option.textContent = `${optionName(facet, option.value)} (${NUMBER.format(n)})`;
        option.disabled = n === 0 && option.value !== current;
      }
    }
    this.filtersLoaded = true;
    this.clear.hidden = Object.keys(this.selected()).length === 0;
  }

  // The query's results; with `withFilters`, also every filter's options (`all`) and what each
  // would leave (`counts`).
  async query(pf, term, filters, withFilters) {
    const all = withFilters ? await pf.filters() : null;
    const queries = term ? await prefixedQueries(pf, term) : null;
    if (queries) {
      const search = await this.merged(pf, queries, filters);
      const counts = all ? await this.mergedCounts(pf, queries, filters, search) : null;
      return { search, all, counts };
    }
    const scope = await partsWithEveryWord(pf, term, filters);
    const search = scope ? await pf.search(term || null, { filters: scope }) : NOTHING;
    const counts = all ? await this.facetCounts(pf, term, scope, search.filters) : null;
    return { search, all, counts };
  }

  // One list from the searches of `queries` (prefixedQueries): each page once, with the result
  // (score, excerpt) of the search that scored it highest, best first.
  async merged(pf, queries, filters) {
    const searches = await Promise.all(
      queries.map(async (q) => {
        const scope = await partsWithEveryWord(pf, q, filters);
        return scope ? pf.search(q, { filters: scope }) : NOTHING;
      }),
    );
    const best = new Map();
    for (const r of searches.flatMap((s) => s.results)) {
      if (!best.has(r.id) || best.get(r.id).score < r.score) best.set(r.id, r);
    }
    const results = [...best.values()].sort((a, b) => b.score - a.score);
    return { results, filters: {}, searches };
  }

  // facetCounts for a merged list: the sum of Pagefind's counts for each search, less the extra
  // counts of a page that several forms found (only those pages' fragments are read, once the
  // reader reaches for a filter; a common word's thousands of results cost nothing more).
  async mergedCounts(pf, queries, filters, search) {
    const count = async (found, facets) => {
      const out = {};
      const times = new Map(); // page id -> [a result for it, how many searches found it]
      for (const s of found.searches) {
        for (const facet of facets) {
          for (const [value, n] of Object.entries((s.filters || {})[facet] || {})) {
            out[facet] = out[facet] || {};
            out[facet][value] = (out[facet][value] || 0) + n;
          }
        }
        for (const r of s.results) times.set(r.id, [r, ((times.get(r.id) || [])[1] || 0) + 1]);
      }
      const again = [...times.values()].filter(([, n]) => n > 1);
      const pages = await Promise.all(again.map(async ([r, n]) => [await r.data(), n]));
      for (const [d, n] of pages) {
        for (const facet of facets) {
          for (const value of (d.filters || {})[facet] || []) {
            if (out[facet] && out[facet][value]) out[facet][value] -= n - 1;
          }
        }
      }
      return out;
    };
    const out = await count(search, CONFIG.facets);
    for (const facet of Object.keys(filters)) {
      const others = { ...filters };
      delete others[facet];
      out[facet] = (await count(await this.merged(pf, queries, others), [facet]))[facet] || {};
    }
    return out;
  }

  // How many claims each option would give. For a facet with a choice made, count as if that facet
  // were open (the other facets and the words still apply), so a reader can switch from one rating
  // to another directly. Pagefind's own counts assume every filter at once (AND within a facet).
  // `filters` null: no part has every word, so nothing to count.
  async facetCounts(pf, term, filters, counts) {
    const out = { ...counts };
    for (const facet of Object.keys(filters || {})) {
      if (facet === PART_FILTER) continue;
      const others = { ...filters };
      delete others[facet];
      const open = await pf.search(term || null, { filters: others });
      out[facet] = (open && open.filters && open.filters[facet]) || {};
    }
    return out;
  }

  async run(delay) {
    this.toLocation();
    const generation = ++this.generation;
    const term = inPieces(this.input.value.trim());
    const filters = this.selected();
    this.clear.hidden = Object.keys(filters).length === 0;
    if (!term && !Object.keys(filters).length) {
      this.results = [];
      this.list.replaceChildren();
      this.more.hidden = true;
      this.status.textContent = T.prompt;
      this.list.removeAttribute("aria-busy");
      return;
    }
    // Busy until this query's results (or its failure) are in: assistive technology, and the
    // browser tests, wait for it rather than for the status line's words, which are in any language.
    this.list.setAttribute("aria-busy", "true");
    this.status.textContent = T.searching;
    let search;
    try {
      const pf = await loadPagefind();
      if (delay) {
        if (term) pf.preload(term, { filters }).catch(() => {}); // fetch while the reader types
        await sleep(delay);
        if (generation !== this.generation) return; // a newer query took over
      }
      const answer = await this.query(pf, term, filters, this.filtersWanted);
      if (generation !== this.generation) return;
      search = answer.search;
      if (answer.all) this.fillFilters(answer.all, answer.counts);
    } catch (err) {
      if (generation !== this.generation) return;
      this.status.textContent = T.unavailable;
      this.list.replaceChildren(
        el("li", {}, el("a", { href: new URL(CONFIG.claimsIndex, ROOT).href }, T.browseInstead)),
      );
      this.more.hidden = true;
      this.list.removeAttribute("aria-busy");
      return;
    }
    this.results = search.results;
    this.typed = this.input.value.trim();
    this.shown = 0;
    this.list.replaceChildren();
    await this.showMore(generation);
  }

  async showMore(generation = this.generation) {
    this.list.setAttribute("aria-busy", "true");
    const batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (generation !== this.generation) return;
    for (const d of data) this.list.append(this.renderResult(d));
    this.shown += batch.length;
    const total = this.results.length;
    this.more.hidden = this.shown >= total;
    this.status.textContent =
      total === 0
        ? T.noMatch
        : total > this.shown
          ? plural(T.foundShowing, total, { num: total, shown: this.shown })
          : plural(T.found, total, { num: total });
    this.list.removeAttribute("aria-busy");
  }

  renderResult(d) {
    const meta = d.meta || {};
    const filters = d.filters || {};
    const year = first(filters.year);
    const details = [first(filters.claimant), year && optionName("year", year)]
      .filter(Boolean)
      .join(" \u00b7 ");
    // A claim's title and excerpt are read and hyphenated in its language: its tag (lang, dir
    // metadata) when it is not in the site's, else the site's. Marked when that is not the page's
    // (an English claim found from an Arabic page is not Arabic, and not right to left).
    const tag = LANG_TAG.test(meta.lang || "") ? meta.lang : CONFIG.lang;
    const dir = meta.lang ? (meta.dir === "rtl" ? "rtl" : "ltr") : CONFIG.dir === "rtl" ? "rtl" : "ltr";
    const own = tag.toLowerCase() !== (PAGE_LANG || "").toLowerCase() ? { lang: tag, dir } : {};
    return el(
      "li",
      { class: "fc-search__result" },
      el("a", { class: "fc-search__link", href: d.url, ...own }, meta.title || d.url),
      el("div", { class: "fc-search__meta" }, badge(meta), details ? el("span", { class: "fc-search__details" }, details) : null),
      el("p", { class: "fc-search__excerpt", ...own }, safeExcerpt(excerptFor(d.excerpt, this.typed))),
    );
  }

  // The query and the filters in the page's address (replaceState: no new history entry per key),
  // so a search can be shared, bookmarked and reloaded; other parameters and the #fragment stay.
  toLocation() {
    const params = new URLSearchParams(window.location.search);
    const q = this.input.value.trim();
    if (q) params.set("q", q);
    else params.delete("q");
    for (const [facet, select] of this.selects) {
      if (select.value) params.set(facet, select.value);
      else params.delete(facet);
    }
    const query = params.toString();
    const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      try {
        history.replaceState(history.state, "", url);
      } catch (err) {
        // a sandboxed or file: page may refuse; the search still works
      }
    }
  }

  // ?q=word&rating=False on any page opens the search with that query (shareable searches).
  fromLocation() {
    const params = new URLSearchParams(window.location.search);
    const q = params.get("q");
    let any = false;
    if (q) {
      this.input.value = q;
      any = true;
    }
    for (const [facet, select] of this.selects) {
      const v = params.get(facet);
      if (v) {
        select.append(el("option", { value: v }, v));
        select.value = v;
        any = true;
        this.filtersWanted = true; // a linked search with a filter shows its options and counts
      }
    }
    if (any) {
      this.open();
      this.run(0);
    }
  }
}

// Material's bundle reads every <link rel="alternate"> when the page is ready and fetches the
// "sitemap.xml" beside its href (its language-switcher logic). For the links our pages carry (feeds,
// oEmbed, the other languages of a fact-check) that is a request to the canonical host (another host
// in a local preview), a 404 next to a topic's feed, and at best the whole sitemap on every page
// view; our own language switcher is plain links and needs none of it. This module runs before that
// moment (module scripts run before DOMContentLoaded), so it takes those links out of Material's
// selector until Material has looked, then puts them back: the HTML, and the DOM afterwards, are
// unchanged.
function shieldAlternateLinks() {
  if (document.readyState === "complete") return; // too late to matter: Material has looked
  const links = [...document.querySelectorAll('link[rel="alternate"]')];
  for (const l of links) l.setAttribute("rel", "alternate feed");
  const restore = () => {
    for (const l of links) l.setAttribute("rel", "alternate");
  };
  // Listeners run in the order they were added, and Material's was added by its bundle, earlier.
  if (links.length) document.addEventListener("DOMContentLoaded", restore, { once: true });
}

shieldAlternateLinks();

function start() {
  const boxes = [...document.querySelectorAll("[data-fc-search]")].map((root) => new SearchBox(root));
  if (!boxes.length) return;
  boxes[0].fromLocation();
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    const typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      boxes[0].input.focus();
    }
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
