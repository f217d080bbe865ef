"""Images attached to an edition: uploaded in the editor, checked by content, read with
the edition's rights, carried over to the next draft (issue 15, section 1)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import services
from documents.models import Document, EditionImage, Revision
from tests.documents.factories import make_document, make_revision

pytestmark = pytest.mark.django_db


def image_bytes(fmt="PNG", size=(40, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def draft(department):
    document = make_document("QT.07-TCCB", department=department, title="Quy trình lưu đồ")
    return make_revision(document)


def upload_url(revision):
    return reverse("documents:image_upload", args=[revision.document.code, revision.number])


def test_staff_attach_a_png_and_readers_get_it_with_its_checked_type(client_for, staff, draft):
    client = client_for(staff)
    upload = SimpleUploadedFile("lưu đồ.png", image_bytes(), content_type="text/html")
    response = client.post(upload_url(draft), {"file": upload}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    image = EditionImage.objects.get()
    assert (image.revision, image.number, image.kind) == (draft, 1, "png")
    assert (image.width, image.height, image.name) == (40, 30, "lưu đồ.png")
    assert image.file.name.startswith(f"documents/images/{draft.pk}/")
    assert "lưu" not in image.file.name  # stored under a name of our making
    assert "![lưu đồ](attachment:1)" in response.content.decode()
    served = client.get(image.get_absolute_url())
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == image_bytes()


def test_a_draft_image_is_not_shown_to_who_may_not_read_the_draft(
    client_for, staff, outsider, draft
):
    image = services.attach_image(
        revision=draft, actor=staff, file=SimpleUploadedFile("a.png", image_bytes())
    )
    assert client_for(outsider).get(image.get_absolute_url()).status_code == 403
    response = client_for(outsider).post(
        upload_url(draft), {"file": SimpleUploadedFile("b.png", image_bytes())}
    )
    assert response.status_code == 403
    assert EditionImage.objects.count() == 1


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("so-do.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "trang web, ảnh SVG"),
        ("so-do.png", b"<html><script>alert(1)</script></html>", "trang web, ảnh SVG"),
        ("so-do.gif", b"GIF89a" + b"\x00" * 20, "không thuộc loại được chấp nhận"),
        ("so-do.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "Không đọc được ảnh này"),
    ],
)
def test_what_is_not_a_png_or_jpeg_is_refused_with_the_reason(
    client_for, staff, draft, name, data, message
):
    response = client_for(staff).post(
        upload_url(draft), {"file": SimpleUploadedFile(name, data)}, HTTP_HX_REQUEST="true"
    )
    assert message in response.content.decode()
    assert not EditionImage.objects.exists()


def test_an_image_too_large_in_pixels_is_refused(staff, draft):
    from django.core.exceptions import ValidationError

    big = SimpleUploadedFile("big.png", image_bytes(size=(6000, 5000)))
    with pytest.raises(ValidationError, match="giới hạn"):
        services.attach_image(revision=draft, actor=staff, file=big)
    assert not EditionImage.objects.exists()


def test_only_a_draft_takes_images(staff, department):
    from documents.services import LifecycleError

    document = make_document("QĐ.03", kind=Document.Kind.REGULATION, department=department)
    effective = make_revision(document, state=Revision.State.EFFECTIVE)
    with pytest.raises(LifecycleError):
        services.attach_image(
            revision=effective, actor=staff, file=SimpleUploadedFile("a.jpg", image_bytes("JPEG"))
        )


def test_a_new_draft_keeps_the_images_with_their_numbers(staff, head, department):
    document = make_document("QĐ.04", kind=Document.Kind.REGULATION, department=department)
    first = make_revision(document, state=Revision.State.EFFECTIVE)
    # Attached while it was a draft.
    Revision.objects.filter(pk=first.pk).update(state=Revision.State.DRAFT)
    image = services.attach_image(
        revision=first, actor=staff, file=SimpleUploadedFile("a.jpg", image_bytes("JPEG"))
    )
    Revision.objects.filter(pk=first.pk).update(state=Revision.State.EFFECTIVE)
    second = services.create_draft(document=document, actor=head)
    copied = second.images.get()
    assert (copied.number, copied.kind, copied.file.name) == (1, "jpeg", image.file.name)
    added = services.attach_image(
        revision=second, actor=staff, file=SimpleUploadedFile("b.png", image_bytes())
    )
    assert added.number == 2


def test_the_edition_page_shows_the_image_and_the_preview_says_what_was_left_out(
    client_for, staff, draft
):
    image = services.attach_image(
        revision=draft, actor=staff, file=SimpleUploadedFile("a.png", image_bytes())
    )
    draft.purpose = f"Lưu đồ: {image.markdown} ![x](http://127.0.0.1:9/x.png)"
    draft.save()
    client = client_for(staff)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert f'src="{image.get_absolute_url()}"' in page
    assert "127.0.0.1:9" not in page
    preview = client.post(
        reverse("documents:preview", args=[draft.document.code, draft.number]),
        {"version": draft.version, "purpose": draft.purpose, "scope": "x"},
    ).content.decode()
    assert f'src="{image.get_absolute_url()}"' in preview
    assert "Ảnh “http://127.0.0.1:9/x.png” đã bị bỏ" in preview
    assert "chỉ dùng ảnh đính kèm của lần ban hành" in preview
