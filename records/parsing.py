"""Reading the free text of a procedure's "Hồ sơ cần lưu" rows: retention, medium, form code.

Pure functions of strings; the texts are as procedures write them ("05 năm",
"Vĩnh viễn", "Đến khi có văn bản thay thế", "Giấy và điện tử", "BM.05.02").
"""

import re
import unicodedata

from records.models import Medium, Retention

_NUMBER = re.compile(r"(\d{1,3})\s*(năm|tháng|nam|thang|years?|months?)\b", re.I)
_PERMANENT = ("vĩnh viễn", "lâu dài", "vinh vien", "lau dai", "permanent")
_UNTIL_SUPERSEDED = (
    "đến khi có văn bản thay thế",
    "đến khi có tài liệu thay thế",
    "đến khi thay thế",
    "khi có văn bản thay thế",
    "đến khi hết hiệu lực",
    "until superseded",
)
FORM_CODE = re.compile(r"\bBM[.\s-]?(\d{1,3})[.](\d{1,3})(?:-([A-Z0-9]+))?", re.I)


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").lower().split())


def parse_retention(text: str) -> tuple[str, int | None]:
    """``(Retention, months)``: "05 năm" → (MONTHS, 60); "Vĩnh viễn" → (PERMANENT, None);
    anything else the owner sets by hand → (UNSET, None)."""
    clean = _clean(text)
    if not clean:
        return Retention.UNSET, None
    if any(clean.startswith(p) or clean == p for p in _PERMANENT):
        return Retention.PERMANENT, None
    if any(p in clean for p in _UNTIL_SUPERSEDED):
        return Retention.UNTIL_SUPERSEDED, None
    matches = _NUMBER.findall(clean)
    if len(matches) == 1 and re.fullmatch(r"\d{1,3}\s*\S+", clean):
        number, unit = int(matches[0][0]), matches[0][1]
        if number == 0:
            return Retention.UNSET, None
        months = number * 12 if unit.startswith(("năm", "nam", "year")) else number
        if months <= 1200:
            return Retention.MONTHS, months
    return Retention.UNSET, None


def parse_medium(text: str) -> str:
    clean = _clean(text)
    paper = "giấy" in clean or "paper" in clean
    electronic = "điện tử" in clean or "electronic" in clean or "phần mềm" in clean
    if paper and electronic:
        return Medium.BOTH
    if paper:
        return Medium.PAPER
    if electronic:
        return Medium.ELECTRONIC
    return Medium.UNKNOWN


def form_code_in(name: str) -> tuple[str, str, str] | None:
    """The form a record's name cites ("Phiếu theo BM.05.02"): (procedure number,
    form number, department code or "")."""
    found = FORM_CODE.search(name or "")
    if not found:
        return None
    return found.group(1), found.group(2), (found.group(3) or "").upper()


def normal_name(name: str) -> str:
    """The key a row is matched on from one edition to the next (case and spaces aside)."""
    return _clean(name)
