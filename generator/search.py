"""What the site search indexes of each initiative and news page (core: no MkDocs, no HTML).

``generator/search_index.py`` writes the index from these records as small static files, of which the browser
downloads only the few a query needs (``theme/assets/javascripts/search_index.js``). No other page and nothing
else of a page is indexed. A page's record holds:

- search words, *folded*: lower case, no tone marks, đ written d ("Điện lực Thủ Đức" -> "dien luc thu duc"), each
  word once, in alphabetical order, the words of the title and of an initiative's unit apart (they weigh more). The
  search box folds the query the same way (``theme/assets/javascripts/search.js``), so "dien luc thu duc", "Điện lực
  Thủ Đức" and "DIEN LUC THU DUC" are one query: same pages, same order. Each word once, because how often a word
  occurs barely changes what a query finds, while every occurrence would cost bytes in the file a query downloads;
- filter words: one word per filter value (kind of page, unit, field, year, recognition level). The search page
  narrows by adding them to the query, and lists a kind of page with no text typed by searching for its kind
  word alone, so filters need no files of their own;
- sort keys (newest, benefit) and the metadata a result shows (title, unit, authors, summary, date, benefit),
  so a result needs no other request than its page's metadata file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import partial
from typing import Callable

from . import formatting
from .content.schema import RECOGNITION_LEVELS
from .identity import ByIdentity
from .model import Initiative, NewsPost, Site
from .pages import urls
from .pages.summaries import headline_benefit
from .text import fold

# for the search box in every page's header (theme/partials/sk_search.html)
TEMPLATE_GLOBALS = {"sk_search_page": urls.SEARCH, "sk_search_index": urls.SEARCH_INDEX}

# A query word found in the title, or in an initiative's unit's name, counts 7 times one found elsewhere: a reader who
# types a unit's name ("nhiet dien thu duc") wants that unit's initiatives before those that merely have one of its
# syllables in their title ("thu hồi") and the others in an author's name
TITLE_WEIGHT = 7
BODY_WEIGHT = 1
# Not a weight: the words paired with it are an initiative's registration code, indexed apart from all other words
# and found only whole (generator/search_index.py), as much as a title word. Among the other words, at 100,000
# initiatives 94,364 of the 101,859 distinct words were codes, all beginning with "evn": a query word "evn" read
# 119 word files (3.3 MB) for them.
CODE = 0

# Filters of the search page: a key (the name in its address, ?don-vi=…) and the values each page has.
KIND, UNIT, FIELD, YEAR, LEVEL = "loai", "don-vi", "linh-vuc", "nam", "cap"
INITIATIVE, NEWS = "sang-kien", "tin-tuc"
# both kinds: no word asked for, so the typed words find initiatives and news alike (the header box's search;
# its "see all" link opens the search page on it)
ANY_KIND = "tat-ca"
NOT_RECOGNISED = "chua-cong-nhan"
# Sort keys: every initiative has both (a list sorted by a key leaves out the pages without it).
NEWEST, BENEFIT = "ngay", "lam-loi"

# A word: letters and digits, joined by - / . , inside (codes, "220kV", "2,5"); search_index.js splits a query alike.
_WORD = re.compile(r"\w+(?:[-/.,]\w+)*")


def folded_words(text: str) -> list[str]:
    """The words of ``text`` as the search stores and looks them up: "Điện lực Thủ Đức" -> dien, luc, thu, duc."""
    return _WORD.findall(fold(text).lower())


class _TokenWords(dict):
    """Whitespace-separated token -> its folded words, worked out the first time the token is met.

    No word holds a space, and folding and lower case go character by character (text.fold; the one rule of
    ``str.lower`` that looks at neighbours, a final sigma, stops at a space too), so a text's words are those
    of its tokens. Texts repeat their tokens (a site's vocabulary is a few thousand syllables): the records
    of 10,000 initiatives took 0.77 s against 1.10 s folding and matching every text whole."""

    def __missing__(self, token: str) -> tuple[str, ...]:
        words = self[token] = tuple(_WORD.findall(fold(token).lower()))
        return words


_TOKEN_WORDS = _TokenWords()
_MOST_TOKENS = 200_000  # codes and numbers are new on every page: past this many, start again


def word_set(text: str) -> set[str]:
    """The distinct words of :func:`folded_words`, found token by token."""
    if len(_TOKEN_WORDS) > _MOST_TOKENS:
        _TOKEN_WORDS.clear()
    words: set[str] = set()
    for token in text.split():
        words.update(_TOKEN_WORDS[token])
    return words


def filter_word(key: str, value: str) -> str:
    """The word that stands for one filter value: "f" and 12 hex digits, e.g. "f3fa92b1c7d4e".

    Letters and digits only, so a query splits it as one word; of one length, or the search, which matches a
    query word as the beginning of a word, could find one value's word by another's; no text has such a word.
    """
    return "f" + hashlib.sha256(f"{key}={value}".encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Indexed:
    """What one page adds to the search index (plain text; generator/search_index.py)."""

    sorts: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]
    words: tuple[tuple[int, str], ...]  # (weight, words): filter words, title words, other words


def _words(filters: list[tuple[str, str]], title: str, texts: list[str],
           code: str = "") -> tuple[tuple[int, str], ...]:
    """The filter words, then the words of ``title`` (what weighs more: TITLE_WEIGHT), then the other words
    ``title`` does not have, each once; then the words of a registration ``code`` (CODE), if any.

    Once, because how often a word occurs barely changes what a query finds, while every occurrence costs bytes
    in the part of the index each query downloads; sorted, and the filter words first, because the same words
    at the same places on every page compress well.
    """
    title_words = word_set(title)
    # one text for all: a space joins no two words
    rest = sorted(word_set(" ".join(texts)) - title_words)
    in_title = sorted(title_words)
    words = ((BODY_WEIGHT, " ".join(filter_word(key, value) for key, value in filters)),
             (TITLE_WEIGHT, " ".join(in_title)), (BODY_WEIGHT, " ".join(rest)))
    return words + ((CODE, " ".join(sorted(word_set(code)))),) if code else words


def initiative(site: Site, item: Initiative) -> Indexed:
    unit = site.unit_by_id(item.unit)
    field = site.field_by_id(item.field)
    texts = [item.summary, item.description, field.name, *item.tags,
             *(f"{author.name} {author.job_title}" for author in item.authors),
             *(site.unit_by_id(author.unit).short_name for author in item.authors if author.unit != item.unit)]
    filters = [(KIND, INITIATIVE), (UNIT, unit.id), (FIELD, field.id), (YEAR, str(item.registered_on.year)),
               (LEVEL, item.recognition.level if item.recognition else NOT_RECOGNISED)]
    benefit = item.benefit.vnd_per_year if item.benefit and item.benefit.vnd_per_year else 0
    return Indexed(
        sorts=((NEWEST, item.registered_on.isoformat()), (BENEFIT, str(benefit))),
        meta=(("title", item.title), ("unit", unit.short_name),
              ("authors", ", ".join(author.name for author in item.authors)), ("summary", item.summary),
              ("date", formatting.date(item.registered_on)), ("benefit", headline_benefit(item) or "")),
        words=_words(filters, f"{item.title} {unit.name} {unit.short_name}", texts, item.code),
    )


def news_post(post: NewsPost) -> Indexed:
    return Indexed(
        sorts=((NEWEST, post.date.isoformat()),),
        meta=(("title", post.title), ("kind", "Tin tức"), ("authors", ", ".join(post.authors)),
              ("summary", post.summary), ("date", formatting.date(post.date))),
        words=_words([(KIND, NEWS)], post.title, [post.summary, post.body, *post.authors, *post.categories]),
    )


def records(site: Site, kept: ByIdentity | None = None,
            make_initiative: Callable[[Initiative], Indexed] | None = None) -> dict[str, Indexed]:
    """Page URL -> what it adds to the index, for every page the search finds. With ``kept`` (a served site's,
    generator/identity.py), the record of an initiative or news post that is the same object as in the last call
    is reused. ``make_initiative``: what gives an initiative's record (:func:`initiative` by default; a build's
    takes it from the records kept since the last build: generator/search_cache.py)."""
    make = make_initiative or partial(initiative, site)
    if kept is None:  # a build's: nothing to reuse (the table cost the index's worker 0.03 s at 10,000 initiatives)
        found = {urls.initiative(item): make(item) for item in site.initiatives}
        found.update({urls.news_post(post): news_post(post) for post in site.news})
        return found
    found = {urls.initiative(item): kept.value(item, lambda: make(item)) for item in site.initiatives}
    found.update({urls.news_post(post): kept.value(post, lambda: news_post(post)) for post in site.news})
    kept.keep_only([*site.initiatives, *site.news])
    return found


@dataclass(frozen=True)
class Choice:
    value: str  # in the search page's address
    label: str
    word: str  # what the search asks for when it is chosen

    @classmethod
    def of(cls, key: str, value: str, label: str) -> Choice:
        return cls(value, label, filter_word(key, value))


def choices(site: Site) -> dict[str, list[Choice]]:
    """The search page's choices for each filter: every kind, unit, field, level, and the years initiatives have."""
    years = sorted({str(item.registered_on.year) for item in site.initiatives}, reverse=True)
    levels = [*RECOGNITION_LEVELS.items(), (NOT_RECOGNISED, "Chưa được công nhận")]
    return {
        KIND: [Choice.of(KIND, INITIATIVE, "Sáng kiến"), Choice.of(KIND, NEWS, "Tin tức"),
               Choice(ANY_KIND, "Sáng kiến và tin tức", "")],
        UNIT: [Choice.of(UNIT, unit.id, unit.name) for unit in sorted(site.units, key=lambda u: fold(u.name).lower())],
        FIELD: [Choice.of(FIELD, field.id, field.name) for field in site.campaign.fields],
        YEAR: [Choice.of(YEAR, year, year) for year in years],
        LEVEL: [Choice.of(LEVEL, level, label) for level, label in levels],
    }
