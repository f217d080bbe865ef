"""Comparing two versions of a text or of a table, block by block.

A text is cut into blocks (a heading, a paragraph line, a list item, a table row)
and a table into rows. The blocks of the two versions are aligned by content
(``difflib.SequenceMatcher`` over whole blocks, which hashes them: near-linear
for real documents); inside a stretch where they differ, blocks are paired by
the words they share, in order (a longest-common-subsequence over similarity),
so an inserted paragraph or step reads as one insertion and the blocks after it
as unchanged. Words are compared only inside a pair of blocks that differ, and
only while the pair is small enough and the comparison's time budget lasts;
past either, the pair is shown whole (old struck out, new inserted). So the cost
grows with the size of the documents and the number of changes, never with the
square of the document, and one comparison cannot hold a server process for long.

Rows that are removed at one place and added at another with the same content
are a *move*: they read as one moved row, not a removal and an addition.
"""

import difflib
import re
import time
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Word-level comparison of one pair of blocks only when tokens(old) * tokens(new)
# stays under this: a 600-word paragraph against its edit is ~1.4 M, well inside.
WORD_DIFF_LIMIT = 2_000_000
# Blocks of one differing stretch are paired by similarity while
# blocks(old) * blocks(new) stays under this; beyond it, position by position.
PAIRING_LIMIT = 4_000
# Two blocks sharing at least this share of their words are one block changed.
SIMILAR = 0.5
# Two rows removed and added elsewhere that share this much are one row moved.
MOVED = 0.9
# Seconds of word-level comparison for one request; later pairs are shown whole.
TIME_BUDGET = 0.2

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
_WORDS = re.compile(r"\w+", re.UNICODE)


class Deadline:
    def __init__(self, seconds: float = TIME_BUDGET):
        self.ends = time.monotonic() + seconds

    @property
    def passed(self) -> bool:
        return time.monotonic() > self.ends


# --- Markdown to the lines a reader sees ----------------------------------------------

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(
    r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1"  # **strong**, __strong__, ~~struck~~
    r"|(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])"  # *em*, _em_
)
_CODE = re.compile(r"`([^`]*)`")
_TAG = re.compile(r"<[^>]+>")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _unmark(line: str) -> str:
    if "[" in line:
        line = _IMAGE.sub(r"\1", line)
        line = _LINK.sub(r"\1", line)
    if "`" in line:
        line = _CODE.sub(r"\1", line)
    if "*" in line or "_" in line or "~" in line:
        for _ in range(2):  # nested emphasis: ***bold italic***
            line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", line)
    if "<" in line:
        line = _TAG.sub("", line)
    return line


def plain_lines(markdown_text: str) -> list[str]:
    """The text a reader sees, one block a line (heading, paragraph line, list item,
    table row), without the Markdown marks. A regular-expression pass: rendering the
    Markdown of a 100-page manual to compare it would take a second by itself."""
    out = []
    for raw in (markdown_text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        first = line[0]
        if first in "`~-*_|:" and (
            _FENCE.match(line) or _TABLE_RULE.match(line) or _RULE.match(line)
        ):
            continue
        if first == "#":
            line = _HEADING.sub("", line)
        elif first == ">":
            line = _QUOTE.sub("", line)
        elif first == "|":
            line = " | ".join(c.strip() for c in line.strip("|").split("|"))
        line = _unmark(line).strip()
        if line:
            out.append(line)
    return out


def plain(markdown_text: str) -> str:
    return "\n".join(plain_lines(markdown_text))


# --- words inside one pair of blocks --------------------------------------------------


def diff_words(old: str, new: str, deadline: Deadline | None = None) -> tuple[str, str, bool]:
    """Word-level diff: (old with deletions marked, new with insertions marked, changed).
    Past the size limit or the deadline, the whole old text is struck and the new inserted."""
    if old == new:
        same = escape(old)
        return same, same, False
    left, right = [], []
    for op, old_part, new_part in _word_ops(old, new, deadline):
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return "".join(left), "".join(right), True


def inline_words(old: str, new: str, deadline: Deadline | None = None) -> tuple[str, bool]:
    """The same comparison in one text, read in place: (new text with the removed
    words in ``<del>`` where they stood and the added ones in ``<ins>``, changed)."""
    if old == new:
        return escape(new), False
    out = []
    for op, old_part, new_part in _word_ops(old, new, deadline):
        if op == "equal":
            out.append(new_part)
            continue
        if old_part:
            out.append(f"<del>{old_part}</del>")
        if new_part:
            out.append(f"<ins>{new_part}</ins>")
    return "".join(out), True


def _word_ops(old: str, new: str, deadline: Deadline | None):
    """``(op, old part, new part)``, escaped, for two texts that differ: word by word
    while the pair is small enough and the deadline lasts, else the whole of each."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    if len(a) * len(b) > WORD_DIFF_LIMIT or (deadline is not None and deadline.passed):
        yield "replace", escape(old or ""), escape(new or "")
        return
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        yield op, escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))


def _whole(text: str, tag: str) -> str:
    return f"<{tag}>{escape(text)}</{tag}>" if text else ""


# --- aligning blocks ------------------------------------------------------------------


def words_of(text: str) -> frozenset:
    return frozenset(_WORDS.findall(text.lower()))


def similarity(a: frozenset, b: frozenset) -> float:
    """Share of words in common (Dice): 1 for the same words, 0 for none shared."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


class _Words:
    """The words of each block, worked out only for the blocks that differ."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.known: dict[int, frozenset] = {}

    def __getitem__(self, index: int) -> frozenset:
        if index not in self.known:
            self.known[index] = words_of(self.texts[index])
        return self.known[index]


def align(old_keys: list, new_keys: list, old_words, new_words):
    """Pairs ``(i, j)`` in reading order: both set for a block kept or changed,
    ``(i, None)`` for a block removed, ``(None, j)`` for a block added.
    ``old_words[i]``/``new_words[j]``: the words of a block, for pairing by similarity."""
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    pairs: list[tuple[int | None, int | None]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            pairs.extend(_pair_stretch(i1, i2, j1, j2, old_words, new_words))
    return pairs


def _pair_stretch(i1, i2, j1, j2, old_words, new_words):
    """Pair the blocks of a differing stretch by similarity, keeping their order: the
    longest sequence of similar pairs (most words in common first)."""
    n, m = i2 - i1, j2 - j1
    if n == 0 or m == 0:
        return [(i, None) for i in range(i1, i2)] + [(None, j) for j in range(j1, j2)]
    if n * m > PAIRING_LIMIT:
        matched = [
            (i1 + k, j1 + k)
            for k in range(min(n, m))
            if similarity(old_words[i1 + k], new_words[j1 + k]) >= SIMILAR
        ]
    else:
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        for a in range(n - 1, -1, -1):
            for b in range(m - 1, -1, -1):
                best = max(score[a + 1][b], score[a][b + 1])
                s = similarity(old_words[i1 + a], new_words[j1 + b])
                if s >= SIMILAR:
                    best = max(best, score[a + 1][b + 1] + s)
                score[a][b] = best
        matched, a, b = [], 0, 0
        while a < n and b < m:
            s = similarity(old_words[i1 + a], new_words[j1 + b])
            if s >= SIMILAR and score[a][b] == score[a + 1][b + 1] + s:
                matched.append((i1 + a, j1 + b))
                a, b = a + 1, b + 1
            elif score[a + 1][b] >= score[a][b + 1]:
                a += 1
            else:
                b += 1
    out, i, j = [], i1, j1
    for mi, mj in [*matched, (i2, j2)]:
        out.extend((k, None) for k in range(i, mi))
        out.extend((None, k) for k in range(j, mj))
        if mi < i2:
            out.append((mi, mj))
        i, j = mi + 1, mj + 1
    return out


# --- texts ----------------------------------------------------------------------------


def diff_text(old: str, new: str, deadline: Deadline | None = None) -> tuple[str, str, bool]:
    """Two Markdown texts compared block by block: (old marked, new marked, changed)."""
    if old == new:
        same = escape("\n".join(plain_lines(old)))
        return mark_safe(same), mark_safe(same), False  # noqa: S308 (escaped)
    deadline = deadline or Deadline()
    a, b = plain_lines(old), plain_lines(new)
    pairs = align(a, b, _Words(a), _Words(b))
    left, right, changed = [], [], False
    for i, j in pairs:
        if i is not None and j is not None:
            old_html, new_html, differs = diff_words(a[i], b[j], deadline)
            left.append(old_html)
            right.append(new_html)
            changed = changed or differs
        elif i is not None:
            left.append(_whole(a[i], "del"))
            changed = True
        else:
            right.append(_whole(b[j], "ins"))
            changed = True
    return mark_safe("\n".join(left)), mark_safe("\n".join(right)), changed  # noqa: S308


@dataclass
class Block:
    """One block of a text read in place: ``status`` is "same", "changed", "added"
    or "removed"; ``html`` is its text with the changed words marked."""

    status: str
    html: str


def inline_text(old: str, new: str, deadline: Deadline | None = None) -> tuple[list[Block], bool]:
    """Two Markdown texts compared block by block, read in place: the blocks of the
    newer text in its order, the removed ones where they stood."""
    deadline = deadline or Deadline()
    a, b = plain_lines(old), plain_lines(new)
    if a == b:
        return [Block("same", mark_safe(escape(line))) for line in b], False  # noqa: S308
    blocks = []
    for i, j in align(a, b, _Words(a), _Words(b)):
        if i is not None and j is not None:
            html, differs = inline_words(a[i], b[j], deadline)
            blocks.append(Block("changed" if differs else "same", mark_safe(html)))  # noqa: S308
        elif i is not None:
            blocks.append(Block("removed", mark_safe(_whole(a[i], "del"))))  # noqa: S308
        else:
            blocks.append(Block("added", mark_safe(_whole(b[j], "ins"))))  # noqa: S308
    return blocks, any(block.status != "same" for block in blocks)


# --- tables ---------------------------------------------------------------------------


@dataclass
class RowDiff:
    number: int  # the row's number in the newer version (the older one when removed)
    status: str  # "same", "changed", "added", "removed", "moved"
    cells: list[tuple[str, str]] = field(default_factory=list)  # (left, right) per column
    old_number: int | None = None


def diff_rows(
    old_rows, new_rows, columns, plain_keys=(), deadline=None, in_place=False
) -> list[RowDiff]:
    """Rows aligned by content: an inserted row reads as one added row, a deleted one
    as removed, one that changed place as moved; the rows around them as the same.
    ``in_place``: each cell is read in place, ``(html, html)`` with the removed words
    struck and the added ones inserted in the one text."""
    deadline = deadline or Deadline()
    keys = [key for key, _label in columns]

    def cells_of(row):
        return tuple(
            plain(row.get(k) or "") if k in plain_keys else (row.get(k) or "").strip() for k in keys
        )

    a = [cells_of(r) for r in old_rows]
    b = [cells_of(r) for r in new_rows]
    a_words = _Words([" ".join(c) for c in a])
    b_words = _Words([" ".join(c) for c in b])
    pairs = align(a, b, a_words, b_words)

    # Removed here and added there with (nearly) the same content: moved.
    removed = [i for i, j in pairs if j is None]
    added = [j for i, j in pairs if i is None]
    moved_from: dict[int, int] = {}
    taken: set[int] = set()
    for j in added:
        for i in removed:
            if i not in taken and (a[i] == b[j] or similarity(a_words[i], b_words[j]) >= MOVED):
                moved_from[j] = i
                taken.add(i)
                break

    out = []
    for i, j in pairs:
        if j is None and i in taken:
            continue  # shown once, where it now stands
        if j is not None and i is None and j in moved_from:
            i, status = moved_from[j], "moved"
        elif i is None:
            status = "added"
        elif j is None:
            status = "removed"
        else:
            status = "same" if a[i] == b[j] else "changed"
        cells = []
        for col in range(len(keys)):
            old_cell = a[i][col] if i is not None else ""
            new_cell = b[j][col] if j is not None else ""
            if in_place:
                left = right = _cell_in_place(status, old_cell, new_cell, deadline)
            elif status in ("same", "changed", "moved"):
                left, right, _differs = diff_words(old_cell, new_cell, deadline)
            else:
                left, right = escape(old_cell), escape(new_cell)
            cells.append((mark_safe(left), mark_safe(right)))  # noqa: S308 (escaped)
        out.append(
            RowDiff(
                number=(j if j is not None else i) + 1,
                status=status,
                cells=cells,
                old_number=i + 1 if i is not None else None,
            )
        )
    return out


def _cell_in_place(status: str, old: str, new: str, deadline: Deadline) -> str:
    if status == "added":
        return _whole(new, "ins")
    if status == "removed":
        return _whole(old, "del")
    return inline_words(old, new, deadline)[0]
