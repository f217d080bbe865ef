"""Reading values from the query string. A malformed value is ignored (as if it were
absent), never a server error: ``?year=abc`` or ``?item=²`` must not reach a
database lookup that raises, and PostgreSQL refuses text holding a NUL character."""

from django.http import HttpRequest

# Larger numbers name no row, and PostgreSQL's bigint stops at 19 digits.
_MAX_DIGITS = 18


def as_int(value) -> int | None:
    """``value`` as a non-negative integer when it is written in ASCII digits, else None
    (``str.isdigit`` alone lets ``²`` through, which ``int`` refuses)."""
    value = (value or "").strip() if isinstance(value, str) else ""
    if value.isascii() and value.isdigit() and len(value) <= _MAX_DIGITS:
        return int(value)
    return None


def int_param(request: HttpRequest, name: str, *, source=None) -> int | None:
    """The integer in ``request.GET[name]`` (or ``source[name]``), or None."""
    return as_int((request.GET if source is None else source).get(name))


def clean_text(value) -> str:
    """``value`` stripped, without NUL characters (PostgreSQL cannot store or compare them)."""
    return (value or "").replace("\x00", "").strip() if isinstance(value, str) else ""


def text_param(request: HttpRequest, name: str) -> str:
    return clean_text(request.GET.get(name))
