"""The comparison engine (documents/diff.py): blocks and rows aligned by content,
words compared only inside changed blocks, within a size limit and a time budget."""

from documents import diff
from documents.content import STEP_COLUMNS
from tests.documents.test_compare import TWELVE


def test_a_changed_step_amid_an_insertion_is_paired_with_its_old_self():
    old = [dict(zip([k for k, _l in STEP_COLUMNS], s, strict=True)) for s in TWELVE]
    new = [dict(row) for row in old]
    new[5]["responsible"] = "Văn phòng Sở"
    new.insert(2, {"name": "Bước mới", "responsible": "", "action": "", "time_limit": "",
                   "record": ""})  # fmt: skip
    statuses = [r.status for r in diff.diff_rows(old, new, STEP_COLUMNS)]
    assert statuses == ["same", "same", "added", "same", "same", "same", "changed"] + ["same"] * 6


def test_an_inserted_paragraph_reads_as_one_insertion():
    old = "\n\n".join(f"Đoạn văn số {n} nói về nội dung thứ {n}." for n in range(1, 30))
    paragraphs = old.split("\n\n")
    paragraphs.insert(10, "Một đoạn hoàn toàn mới.")
    paragraphs[20] = paragraphs[20].replace("nội dung", "nội dung đã sửa")
    left, right, changed = diff.diff_text(old, "\n\n".join(paragraphs))
    assert changed
    assert right.count("<ins>") == 2 and "<ins>Một đoạn hoàn toàn mới.</ins>" in right
    assert "<ins>đã sửa </ins>" in right
    assert left.count("<del>") == 0


def test_markdown_marks_are_not_compared():
    left, right, changed = diff.diff_text("Quy định **trình tự**.", "Quy định trình tự.")
    assert not changed or ("<del>" not in left and "<ins>" not in right)


def test_past_the_word_limit_a_changed_block_is_shown_whole(monkeypatch):
    monkeypatch.setattr(diff, "WORD_DIFF_LIMIT", 10)
    left, right, changed = diff.diff_words("một hai ba bốn", "một hai ba năm")
    assert changed and left == "<del>một hai ba bốn</del>" and right == "<ins>một hai ba năm</ins>"


def test_once_the_time_budget_is_spent_changed_blocks_are_shown_whole():
    old = "\n\n".join(f"Đoạn {k} có nội dung cũ" for k in range(50))
    new = "\n\n".join(f"Đoạn {k} có nội dung mới" for k in range(50))
    left, right, changed = diff.diff_text(old, new, diff.Deadline(0))
    assert changed
    assert right.count("<ins>") == 50 and "<ins>Đoạn 7 có nội dung mới</ins>" in right
