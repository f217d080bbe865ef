"""The PDF renderer reads only the application's own files (issue 15, section 1).

A listener on 127.0.0.1 stands for an address of an attacker's choice: no render
may send it a request. A file of the server outside the application's folders
stands for a secret: no render may put it into a PDF.
"""

import base64
import copy
import http.server
import io
import os
import threading

import pytest
from django.conf import settings as django_settings
from pypdf import PdfReader

from documents.models import Document
from documents.printing import pdf
from ims.pdf import render_pdf
from tests.documents.factories import make_document, make_revision

pytestmark = pytest.mark.django_db


def png(size=(40, 30), colour="navy") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def image_count(data: bytes) -> int:
    """Image XObjects drawn on the pages, also inside forms (the stamped header)."""
    reader = PdfReader(io.BytesIO(data))
    seen, count = set(), 0

    def walk(resources):
        nonlocal count
        xobjects = (resources or {}).get("/XObject") or {}
        for ref in xobjects.values():
            key = getattr(ref, "idnum", id(ref))
            if key in seen:
                continue
            seen.add(key)
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                count += 1
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return count


@pytest.fixture
def listener():
    """An HTTP server on the loopback that records every request it gets."""
    hits = []
    body = png()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def secret_png(tmp_path):
    """An image file of the server outside every folder the renderer may read."""
    path = tmp_path / "server-secret.png"
    path.write_bytes(png(colour="red"))
    return path


@pytest.fixture
def probe(tmp_path, settings):
    """Render raw HTML (no sanitiser in the way) through the application's renderer."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"].append(tmp_path)
    settings.TEMPLATES = templates

    def render(body: str) -> bytes:
        (tmp_path / "probe.html").write_text(
            '{% extends "pdf/base.html" %}{% block body %}' + body + "{% endblock %}"
        )
        return render_pdf("probe.html", {})

    return render


def test_the_renderer_requests_no_address_and_reads_no_server_file(listener, secret_png, probe):
    host, hits = listener
    data = probe(
        f'<style>@import url("http://{host}/import.css"); '
        f'p {{ background: url("http://{host}/bg.png"); }}</style>'
        f'<link rel="stylesheet" href="http://{host}/style.css">'
        f'<p>Nội dung</p><img src="http://{host}/x.png"><img src="https://{host}/y.png">'
        f'<img src="//{host}/z.png"><img src="/\\{host}/w.png">'
        f'<img src="{secret_png.as_uri()}"><img src="{secret_png}">'
        f'<img src="../../../../../../../../{secret_png}">'
        f'<img src="ftp://{host}/f.png">'
    )
    assert hits == []
    assert image_count(data) == 0


def test_a_link_out_of_an_allowed_folder_reads_nothing(secret_png, probe, settings):
    folder = settings.MEDIA_ROOT / "documents" / "images" / "1"
    folder.mkdir(parents=True)
    os.symlink(secret_png, folder / "link.png")
    escape = f"{settings.MEDIA_ROOT}/documents/images/1/../../../../{secret_png}"
    data = probe(f'<img src="{(folder / "link.png").as_uri()}"><img src="file://{escape}">')
    assert image_count(data) == 0


def test_small_png_data_images_and_allowed_files_are_drawn(probe, settings):
    folder = settings.MEDIA_ROOT / "documents" / "images" / "1"
    folder.mkdir(parents=True)
    (folder / "chart.png").write_bytes(png())
    small = base64.b64encode(png()).decode()
    svg = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").decode()
    big = base64.b64encode(os.urandom(300 * 1024)).decode()
    data = probe(
        f'<img src="data:image/png;base64,{small}">'
        f'<img src="{(folder / "chart.png").as_uri()}">'
        f'<img src="data:image/svg+xml;base64,{svg}">'
        f'<img src="data:image/png;base64,{big}">'
    )
    assert image_count(data) == 2


def test_an_edition_shows_its_attached_image_and_nothing_else(
    listener, secret_png, staff, department
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.services import attach_image

    host, hits = listener
    document = make_document("QĐ.09", kind=Document.Kind.REGULATION, department=department)
    draft = make_revision(document, body="")
    image = attach_image(revision=draft, actor=staff, file=SimpleUploadedFile("luu-do.png", png()))
    draft.body = (
        f"Lưu đồ:\n\n{image.markdown}\n\n"
        f"![a](http://{host}/a.png) ![b](//{host}/b.png) ![c](/\\{host}/c.png)\n\n"
        f'<img src="http://{host}/d.png"> ![e](../media/objectives/evidence/1/x.png)\n\n'
        f"![f]({secret_png}) ![g]({secret_png.as_uri()}) ![h](attachment:99)"
    )
    draft.save()
    data = pdf.render_edition(draft)
    assert hits == []
    assert image_count(data) == 1  # the attachment; the logo is not set here


def test_a_server_file_named_in_an_edition_is_not_printed(secret_png, department):
    document = make_document("QĐ.10", kind=Document.Kind.REGULATION, department=department)
    draft = make_revision(document, body=f"![x]({secret_png})\n\n<img src='{secret_png}'>")
    assert image_count(pdf.render_edition(draft)) == 0


def test_the_organisation_logo_is_still_printed(department, settings):
    from django.core.files.base import ContentFile

    from ims.models import Organisation

    organisation = Organisation.objects.create(name="Sở Giáo dục và Đào tạo")
    organisation.logo.save("logo.png", ContentFile(png()))
    document = make_document("QĐ.11", kind=Document.Kind.REGULATION, department=department)
    draft = make_revision(document)
    assert image_count(pdf.render_edition(draft, organisation=organisation)) == 1
    assert str(settings.MEDIA_ROOT) != str(django_settings.BASE_DIR)
