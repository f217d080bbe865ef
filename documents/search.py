"""Text folding for searches that ignore Vietnamese diacritics and case.

``fold("Quy trình Tuyển sinh")`` is ``"quy trinh tuyen sinh"``: what a person
types without accents finds what was written with them. ``Revision.search_text``
holds the folded text of an edition, so a search is a plain substring match of
folded words against it.
"""

import re
import unicodedata

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


def normalise_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
