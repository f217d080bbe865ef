"""Text folding for searches that ignore Vietnamese diacritics and case.

``fold("Quy trình Tuyển sinh")`` is ``"quy trinh tuyen sinh"``: what a person
types without accents finds what was written with them. ``Revision.search_text``
holds the folded text of an edition, so a search is a plain substring match of
folded words against it.
"""

import functools
import logging
import re
import unicodedata

from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

# đ/Đ is a letter of its own, not d plus a combining mark: NFD leaves it alone.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case ``text``, strip every diacritic and turn đ into d."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_LETTERS).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms(query: str | None) -> list[str]:
    """The folded words of a search box entry, duplicates and blanks dropped."""
    seen: list[str] = []
    for word in _SPACES.split(fold(query).strip()):
        word = word.strip("\"'.,;:()")
        if word and word not in seen:
            seen.append(word)
    return seen


_TOKEN = re.compile(r"[a-z0-9]+")
_CODE_WORD = re.compile(r"^(?=.*[a-z])(?=.*[0-9])[a-z0-9]+$")


def tokens(words: list[str]) -> list[str]:
    """The letters-and-digits runs of folded ``words``, in order: ``["qt.01"]`` gives
    ``["qt", "01"]``."""
    return [t for word in words for t in _TOKEN.findall(word)]


def code_key(text: str | None) -> str:
    """A code as however it is typed: folded letters and digits only, so "QT.01",
    "qt01", "qt 01" and "QT-01" all give "qt01", and "QĐ.01" gives "qd01"."""
    return "".join(_TOKEN.findall(fold(text)))


def is_code_word(word: str) -> bool:
    """True for a word typed as a code: letters and digits run together ("qt01", "QT.01")."""
    return bool(_CODE_WORD.match(code_key(word))) and bool(_TOKEN.search(fold(word)))


@functools.lru_cache(maxsize=16384)
def heading(code: str, title: str) -> tuple[str, tuple[str, ...], frozenset[str]]:
    """(:func:`code_key` of ``code``, the folded words of code and title in order, and
    as a set). Kept per process: a search reads every document's heading, and headings
    rarely change."""
    words = tuple(_TOKEN.findall(fold(f"{code} {title}")))
    return code_key(code), words, frozenset(words)


def words_in(text: str | tuple[str, ...], wanted: list[str], *, phrase: bool = False) -> bool:
    """True when every token of ``wanted`` is a whole word of folded ``text`` (or of the
    words ``text`` already split), the last one also as the start of a word (typing in
    progress); with ``phrase``, the tokens must also follow one another in that order."""
    if not wanted:
        return False
    found = _TOKEN.findall(text) if isinstance(text, str) else text
    *whole, last = wanted
    if phrase:
        n = len(wanted)
        return any(
            list(found[i : i + n - 1]) == whole and found[i + n - 1].startswith(last)
            for i in range(len(found) - n + 1)
        )
    present = set(found)
    return all(t in present for t in whole) and any(w.startswith(last) for w in present)


def highlight(text: str | None, wanted: list[str], *, code: str = "") -> str:
    """``text`` HTML-escaped, with each word that starts with one of the folded tokens
    ``wanted`` (or, given ``code``, the start of the text that makes up that code key)
    marked by ``<mark>``. Folding keeps the positions: Vietnamese letters fold one to one."""
    from django.utils.html import escape

    text = text or ""
    folded_chars = [fold(c) or c for c in text]
    if any(len(c) != 1 for c in folded_chars):  # an exotic letter: leave the text unmarked
        return escape(text)
    folded_text = "".join(folded_chars)
    marks = [False] * len(text)
    if code:
        seen = 0
        for i, c in enumerate(folded_text):
            if seen == len(code):
                break
            if c.isalnum():
                seen += 1
            marks[i] = True
        if seen < len(code):
            marks = [False] * len(text)
    for match in _TOKEN.finditer(folded_text):
        word = match.group()
        for token in wanted:
            if word.startswith(token):
                for i in range(match.start(), match.start() + len(token)):
                    marks[i] = True
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        piece = escape(text[i:j])
        out.append(f"<mark>{piece}</mark>" if marks[i] else piece)
        i = j
    return "".join(out)


def normalise_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# The accented letters of Vietnamese. The database folds titles with TRANSLATE,
# whose cost grows with this list: it holds these letters only, not all of Unicode.
_VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
FOLD_FROM = _VIETNAMESE + _VIETNAMESE.upper()
FOLD_TO = "".join(fold(c) for c in FOLD_FROM)


def folded(field: str):
    """A database expression: ``field`` folded like :func:`fold` for Vietnamese text
    (for short columns: titles)."""
    from django.db.models import F, Func, Value
    from django.db.models.functions import Lower

    return Lower(Func(F(field), Value(FOLD_FROM), Value(FOLD_TO), function="TRANSLATE"))


FULL_TEXT_INDEX = "documents_revision_live_fts"
# The editions the register searches: effective and in progress, never the past
# ones. The index holds only these; a query repeats this exact list so that
# PostgreSQL sees it may use the partial index.
LIVE_STATES = ["approved", "draft", "effective", "in_review"]
# The expression the index is built on; a query must repeat it exactly to use it.
FULL_TEXT_MATCH = (
    "to_tsvector('simple'::regconfig, search_text) @@ to_tsquery('simple'::regconfig, %s)"
)


def all_words_pattern(words: list[str]) -> str:
    """A PostgreSQL regular expression true when every word occurs, in any order."""
    tokens = [t for word in words for t in re.findall(r"[a-z0-9]+", word)]
    return "^" + "".join(f"(?=.*{t})" for t in tokens)


def tsquery(words: list[str]) -> str:
    """A PostgreSQL tsquery: every word, the last one also as a prefix (typing in progress)."""
    tokens = [t for word in words for t in re.findall(r"[a-z0-9]+", word)]
    if not tokens:
        return ""
    return " & ".join([*tokens[:-1], f"{tokens[-1]}:*"])


def ensure_full_text_index(sender=None, using="default", **kwargs) -> None:
    """``post_migrate`` receiver: a full-text index on ``Revision.search_text`` (PostgreSQL).

    A substring search reads every edition's text (tens of megabytes for a
    thousand documents); the GIN index over the words of the folded text answers
    the register's search from the index alone. Created after every migrate when
    missing, like the role grants, so no migration of the documents app is needed.
    """
    if getattr(sender, "label", None) != "documents":
        return
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {FULL_TEXT_INDEX} ON documents_revision "
                "USING gin (to_tsvector('simple'::regconfig, search_text)) "
                # Editions change a few at a time: each goes into the index at once
                # rather than into a pending list that slows searches until a vacuum.
                "WITH (fastupdate = off) "
                f"WHERE state IN ({', '.join(repr(s) for s in LIVE_STATES)})"
            )
    except DatabaseError as exc:
        logger.warning("No full-text index for the document search: %s", exc)
