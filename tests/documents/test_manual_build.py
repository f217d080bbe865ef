"""The manual: split, rendered per document, merged with contents, bookmarks and links."""

import hashlib
import io
import re
import threading
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents.models import Document, EditionPdf, ManualBuild, Revision
from documents.printing import manual, services
from ims.models import Organisation
from tests.conftest import wait_until
from tests.documents.factories import make_document, make_revision
from tests.documents.pdf_reading import outline_titles, page_lines, page_texts

ORDER = ["ST.01", "QĐ.01", "QT.01-TCCB", "QT.02-TCCB", "HD.01-TCCB"]


def make_document_set(department, *, steps=12):
    Organisation.objects.create(
        name="Sở Giáo dục và Đào tạo tỉnh Sơn La",
        parent_name="UBND tỉnh Sơn La",
        vision="Trở thành cơ quan quản lý giáo dục hiện đại, minh bạch.",
        quality_policy="Lấy người học làm trung tâm.",
    )
    kinds = {"ST": "ST", "QĐ": "QD", "QT": "QT", "HD": "HD"}
    documents = {}
    for code in reversed(ORDER):  # created out of order: the register orders them
        kind = kinds[code.split(".")[0]]
        document = make_document(code, kind=kind, department=department, title=f"Tài liệu {code}")
        if kind == "QT":
            make_revision(document, state="superseded", number=1, steps=2)
            make_revision(document, state="effective", number=2, steps=steps)
        else:
            make_revision(document, state="effective", body="Nội dung.\n\n" * 40)
        documents[code] = document
    draft_only = make_document("QT.09-TCCB", department=department, title="Chỉ có dự thảo")
    make_revision(draft_only, state="draft")
    return documents


def run_build(secretariat, django_capture_on_commit_callbacks, kind=ManualBuild.Kind.MANUAL):
    with django_capture_on_commit_callbacks(execute=True):
        build = services.request_build(kind=kind, actor=secretariat)
    build.refresh_from_db()
    return build


def starts_by_header(pages) -> dict[str, int]:
    """Code -> 1-based page where the document's own "Trang 1/N" is printed."""
    starts = {}
    for number, text in enumerate(pages, start=1):
        match = re.search(r"Mã hiệu: (\S+)", text)
        if match and re.search(r"Trang 1/\d+", text):
            assert match.group(1) not in starts, f"{match.group(1)} starts twice"
            starts[match.group(1)] = number
    return starts


@pytest.mark.django_db
def test_manual_holds_every_effective_document_once_in_register_order(
    department, secretariat, django_capture_on_commit_callbacks
):
    documents = make_document_set(department)
    build = run_build(secretariat, django_capture_on_commit_callbacks)
    assert build.state == ManualBuild.State.DONE, build.error
    data = build.file.read()
    pages = page_texts(data)
    starts = starts_by_header(pages)
    assert list(starts) == ORDER, [t[:300] for t in pages[3:8]]  # register order, no draft-only one
    assert build.page_count == len(pages) == len(PdfReader(io.BytesIO(data)).pages)
    assert build.sha256 == hashlib.sha256(data).hexdigest()
    effective = {documents[code].current_id for code in ORDER}
    assert set(build.revisions.values_list("pk", flat=True)) == effective
    assert build.revision_order == [documents[code].current_id for code in ORDER]
    assert (build.done, build.total, build.edition) == (5, 5, 1)
    cover = pages[0]
    assert "SỔ TAY HỆ THỐNG QUẢN LÝ TÍCH HỢP" in cover and "Lần ban hành: 01" in cover
    assert any("TẦM NHÌN" in text and "Lấy người học làm trung tâm" in text for text in pages)


@pytest.mark.django_db
def test_contents_page_numbers_and_links_match_where_documents_start(
    department, secretariat, django_capture_on_commit_callbacks
):
    make_document_set(department)
    build = run_build(secretariat, django_capture_on_commit_callbacks)
    data = build.file.read()
    pages = page_texts(data)
    starts = starts_by_header(pages)
    contents = next(i for i, text in enumerate(pages) if text.startswith("MỤC LỤC"))
    lines = page_lines(data, contents + 1)
    printed = dict(
        match.groups()
        for line in lines
        if (match := re.match(r"\s*\d+\s+(\S+)\s+Tài liệu \S+\s+(\d+)$", line))
    )
    assert {code: int(page) for code, page in printed.items()} == starts

    reader = PdfReader(io.BytesIO(data))
    targets = set()
    for annotation in reader.pages[contents]["/Annots"]:
        action = annotation.get_object()["/A"]
        assert action["/S"] == "/GoTo"
        targets.add(reader.get_page_number(action["/D"][0].get_object()) + 1)
    assert targets == set(starts.values())


@pytest.mark.django_db
def test_bookmarks_name_each_document_at_its_first_page(
    department, secretariat, django_capture_on_commit_callbacks
):
    make_document_set(department)
    build = run_build(secretariat, django_capture_on_commit_callbacks)
    data = build.file.read()
    starts = starts_by_header(page_texts(data))
    bookmarks = dict(outline_titles(data))
    for code, page in starts.items():
        assert bookmarks[f"{code} – Tài liệu {code}"] == page - 1
    assert "Mục lục" in bookmarks and "Danh mục tài liệu" in bookmarks


@pytest.mark.django_db
def test_rebuild_renders_only_the_changed_edition(
    department, secretariat, django_capture_on_commit_callbacks
):
    documents = make_document_set(department)
    first = run_build(secretariat, django_capture_on_commit_callbacks)
    before = dict(EditionPdf.objects.values_list("revision_id", "rendered_at"))
    changed = documents["QT.02-TCCB"].current
    changed.purpose = "Mục đích đã được sửa lại."
    changed.save()
    second = run_build(secretariat, django_capture_on_commit_callbacks)
    assert second.state == ManualBuild.State.DONE and second.edition == 2
    after = dict(EditionPdf.objects.values_list("revision_id", "rendered_at"))
    assert [pk for pk in after if after[pk] != before[pk]] == [changed.pk]
    assert "Mục đích đã được sửa lại." in " ".join(page_texts(second.file.read()))
    first.refresh_from_db()
    assert first.file.read()  # the first manual is kept as it was
    assert first.sha256 != second.sha256


@pytest.mark.django_db
def test_a_document_that_cannot_render_fails_the_build_and_the_last_manual_stays(
    department, secretariat, client_for, django_capture_on_commit_callbacks
):
    make_document_set(department)
    good = run_build(secretariat, django_capture_on_commit_callbacks)
    broken = make_document(
        "HD.07-TCCB", kind=Document.Kind.INSTRUCTION, department=department, title="Hỏng"
    )
    make_revision(broken, state=Revision.State.EFFECTIVE, body=">" * 2000 + " trích dẫn")
    failed = run_build(secretariat, django_capture_on_commit_callbacks)
    assert failed.state == ManualBuild.State.FAILED
    assert "HD.07-TCCB" in failed.error and not failed.file
    client = client_for(secretariat)
    page = client.get(reverse("documents:builds")).content.decode()
    assert "HD.07-TCCB" in page
    latest = client.get(reverse("documents:manual_latest"))
    assert latest.status_code == 200
    assert b"".join(latest.streaming_content) == good.file.read()


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_manual_builds_on_the_real_worker_with_visible_progress(
    department, secretariat, client_for, broker_tasks, settings
):
    # The worker writes files under its own MEDIA_ROOT: read them from there.
    environ = open(f"/proc/{broker_tasks.pid}/environ", "rb").read().split(b"\0")
    settings.MEDIA_ROOT = dict(item.decode().split("=", 1) for item in environ if b"=" in item)[
        "MEDIA_ROOT"
    ]
    make_document_set(department, steps=30)
    client = client_for(secretariat)
    response = client.post(reverse("documents:build_start"), {"kind": "manual"})
    assert response.status_code == 302
    build = ManualBuild.objects.get()
    seen = set()

    def finished():
        fragment = client.get(reverse("documents:builds"), HTTP_HX_REQUEST="true")
        seen.update(re.findall(r'<progress value="(\d+)" max="5"', fragment.content.decode()))
        build.refresh_from_db()
        return build.is_finished

    wait_until(finished, timeout=120, interval=0.1)
    assert build.state == ManualBuild.State.DONE, build.error
    assert seen and seen != {"5"}  # progress was shown while documents were rendered
    texts = page_texts(build.file.read())
    assert list(starts_by_header(texts)) == ORDER, texts[:6]
    download = client.get(reverse("documents:build_download", args=[build.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_the_manuals_own_pages_are_numbered_on_through_the_contents(
    department, secretariat, django_capture_on_commit_callbacks
):
    make_document_set(department)
    build = run_build(secretariat, django_capture_on_commit_callbacks)
    pages = page_texts(build.file.read())
    contents = next(i for i, text in enumerate(pages) if text.startswith("MỤC LỤC"))
    assert contents > 1  # cover, statements and master list come first
    for number in range(2, build.front_pages + 1):  # the cover carries no number
        assert pages[number - 1].endswith(f" {number}"), (number, pages[number - 1][-80:])
    assert build.front_pages == contents + 1  # the documents start right after the contents


@pytest.mark.django_db
def test_parts_rendered_ahead_are_removed_after_the_merge_and_after_a_failure(
    department, secretariat, django_capture_on_commit_callbacks, settings
):
    parts = Path(settings.MEDIA_ROOT) / manual.PARTS_DIR
    make_document_set(department)
    good = run_build(secretariat, django_capture_on_commit_callbacks)
    assert good.state == ManualBuild.State.DONE, good.error
    assert not parts.exists() or not list(parts.iterdir())
    broken = make_document(
        "HD.07-TCCB", kind=Document.Kind.INSTRUCTION, department=department, title="Hỏng"
    )
    make_revision(broken, state=Revision.State.EFFECTIVE, body=">" * 2000 + " trích dẫn")
    failed = run_build(secretariat, django_capture_on_commit_callbacks)
    assert failed.state == ManualBuild.State.FAILED
    assert not parts.exists() or not list(parts.iterdir())


@pytest.mark.django_db
def test_a_manual_with_every_edition_cached_still_gets_its_cover_and_master_list(
    department, secretariat, django_capture_on_commit_callbacks
):
    make_document_set(department)
    run_build(secretariat, django_capture_on_commit_callbacks)
    again = run_build(secretariat, django_capture_on_commit_callbacks)  # nothing to render
    assert again.state == ManualBuild.State.DONE, again.error
    pages = page_texts(again.file.read())
    assert "Lần ban hành: 02" in pages[0]
    assert any(text.startswith("DANH MỤC TÀI LIỆU") for text in pages)
    assert list(starts_by_header(pages)) == ORDER


@pytest.mark.django_db(transaction=True)
def test_without_a_worker_the_request_answers_at_once_and_the_build_runs_beside_it(
    department, secretariat, client_for, settings, monkeypatch
):
    settings.MANUAL_BUILD_IN_THREAD = True  # what a setup without Redis gets
    make_document_set(department, steps=3)
    gate = threading.Event()
    start_build = manual.start_build

    def held_at_the_gate(build_id):
        gate.wait(30)
        return start_build(build_id)

    monkeypatch.setattr(manual, "start_build", held_at_the_gate)
    client = client_for(secretariat)
    response = client.post(reverse("documents:build_start"), {"kind": "manual"})
    assert response.status_code == 302  # answered while the build waits
    build = ManualBuild.objects.get()
    assert build.state == ManualBuild.State.QUEUED
    page = client.get(reverse("documents:builds")).content.decode()
    assert 'hx-trigger="every 2s"' in page  # the page keeps asking for the progress
    gate.set()
    assert wait_until(lambda: ManualBuild.objects.get().is_finished, timeout=60)
    build.refresh_from_db()
    assert build.state == ManualBuild.State.DONE, build.error
    assert len(PdfReader(io.BytesIO(build.file.read())).pages) == build.page_count
