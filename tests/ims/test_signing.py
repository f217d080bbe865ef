"""PAdES signing and its verification (ims.signing): PKCS#12, a SoftHSM2 token, pdfsig."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ims import signing
from ims.signing import verify
from ims.signing.certificates import make_demo_certificates
from tests.conftest import SIGNING_ORGANISATION

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"


@pytest.fixture(scope="module")
def plain_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<h1>Quy trình tuyển sinh</h1><p>Nội dung.</p>").write_pdf()


def sign(data: bytes, code: str = "QT.01-TCCB", number: int = 3) -> bytes:
    return signing.sign_pdf(
        data,
        reason=f"Ban hành {code}",
        keyword=signing.edition_keyword(code, number),
        organisation=SIGNING_ORGANISATION,
    )


def flip_a_signed_byte(data: bytes) -> bytes:
    """One byte changed inside the first page's content stream (covered by the signature)."""
    start = data.index(b"stream", data.index(b"/Contents"))
    changed = bytearray(data)
    changed[start + 20] ^= 0x01
    return bytes(changed)


def pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def test_without_a_certificate_pdfs_are_issued_unsigned(settings, plain_pdf):
    settings.IMS_SIGNING_BACKEND = ""
    settings.IMS_SIGNING_PKCS12_FILE = ""
    assert not signing.is_configured() and signing.signing_identity() == ""
    assert sign(plain_pdf) == plain_pdf
    assert verify.verify_pdf(plain_pdf).verdict == verify.UNSIGNED


def test_a_signed_pdf_is_genuine_for_pyhanko_and_valid_for_pdfsig(signed_pdfs, plain_pdf, tmp_path):
    signed = sign(plain_pdf)
    result = verify.verify_pdf(signed)
    assert result.verdict == verify.GENUINE
    assert (result.code, result.number) == ("QT.01-TCCB", 3)
    assert result.signer.common_name == SIGNING_ORGANISATION
    assert result.signed_at.utcoffset().total_seconds() == 7 * 3600
    assert result.reason == "Ban hành QT.01-TCCB" and not result.timestamped
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    report = pdfsig(path)
    assert "Signature is Valid." in report and "Total document signed" in report
    assert "ETSI.CAdES.detached" in report  # PAdES


def test_a_pdf_changed_by_one_byte_is_reported_altered(signed_pdfs, plain_pdf, tmp_path):
    altered = flip_a_signed_byte(sign(plain_pdf))
    assert verify.verify_pdf(altered).verdict == verify.ALTERED
    path = tmp_path / "altered.pdf"
    path.write_bytes(altered)
    assert "Signature is Valid." not in pdfsig(path)


def test_a_change_appended_after_signing_is_reported_altered(signed_pdfs, plain_pdf):
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = sign(plain_pdf)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root[pdf_name("/Lang")] = pdf_string("en")  # a change of the catalogue
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    assert len(out.getvalue()) > len(signed)  # a revision was appended
    assert verify.verify_pdf(out.getvalue()).verdict == verify.ALTERED


def test_a_signature_from_another_ca_is_not_trusted(signed_pdfs, settings, plain_pdf, tmp_path):
    stranger = make_demo_certificates(tmp_path, organisation="Đơn vị khác", password="x")
    settings.IMS_SIGNING_PKCS12_FILE = str(stranger.pkcs12_path)
    settings.IMS_SIGNING_PKCS12_PASSWORD = "x"
    signed = sign(plain_pdf)
    settings.IMS_SIGNING_PKCS12_FILE = str(signed_pdfs.pkcs12_path)  # trust roots: the demo CA
    assert verify.verify_pdf(signed).verdict == verify.UNTRUSTED


def test_garbage_is_unreadable_not_an_error():
    assert verify.verify_pdf(b"not a pdf at all").verdict == verify.UNREADABLE


def test_a_wrong_pkcs12_password_fails_loudly(signed_pdfs, settings, plain_pdf):
    settings.IMS_SIGNING_PKCS12_PASSWORD = "wrong"
    with pytest.raises(signing.SigningError):
        sign(plain_pdf)
    assert signing.status().error


def test_the_visible_block_names_organisation_signer_and_time(signed_pdfs, plain_pdf):
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(sign(plain_pdf)))
    field = reader.embedded_signatures[0].sig_field
    x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
    assert x2 - x1 > 100 and y2 - y1 > 30  # visible, not a zero-size field
    assert y1 > 780  # in the top margin of the first page
    appearance = field["/AP"]["/N"].get_object().data
    # pyHanko marks each line with its text (/ActualText) beside the glyphs.
    texts = _actual_texts(appearance)
    assert any(SIGNING_ORGANISATION in t for t in texts), texts
    assert any(t.endswith("+07:00") for t in texts), texts


def _actual_texts(stream: bytes) -> list[str]:
    """The /ActualText literal strings of a content stream, decoded."""
    import re

    def unescape(raw: bytes) -> bytes:
        escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"(": b"(", b")": b")", b"\\": b"\\"}

        def one(match):
            token = match.group(1)
            return bytes([int(token, 8)]) if token[:1].isdigit() else escapes.get(token, token)

        return re.sub(rb"\\([0-7]{1,3}|.)", one, raw, flags=re.S)

    texts = []
    for match in re.finditer(rb"/ActualText\s*\(((?:\\.|[^\\)])*)\)", stream, re.S):
        raw = unescape(match.group(1))
        if raw.startswith(b"\xfe\xff"):
            texts.append(raw[2:].decode("utf-16-be"))
        else:
            texts.append(raw.decode("latin-1"))
    return texts


@pytest.fixture
def softhsm_token(tmp_path, signing_certificates, monkeypatch):
    """A SoftHSM2 token (in its own SOFTHSM2_CONF) holding the demo key and certificate."""
    if not shutil.which("softhsm2-util") or not os.path.exists(SOFTHSM_MODULE):
        pytest.skip("softhsm2 is not installed (scripts/setup.sh --test installs it)")
    import pkcs11
    from pkcs11 import Attribute
    from pkcs11.util.rsa import decode_rsa_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", "ims-test",
         "--pin", "1234", "--so-pin", "5678"],
        check=True, capture_output=True,
    )  # fmt: skip
    # The key and certificate go in through PKCS#11 itself, as a CA's tool would.
    from cryptography.hazmat.primitives import serialization

    key_der = signing_certificates.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    lib = pkcs11.lib(SOFTHSM_MODULE)
    lib.reinitialize()  # SoftHSM2 reads SOFTHSM2_CONF when initialised
    token = lib.get_token(token_label="ims-test")
    with token.open(rw=True, user_pin="1234") as session:
        attributes = decode_rsa_private_key(key_der)
        attributes.update(
            {Attribute.TOKEN: True, Attribute.LABEL: "signer", Attribute.ID: b"\x01",
             Attribute.SIGN: True, Attribute.PRIVATE: True, Attribute.SENSITIVE: True}
        )  # fmt: skip
        session.create_object(attributes)
        certificate = decode_x509_certificate(signing_certificates.cert_path.read_bytes())
        certificate.update(
            {Attribute.TOKEN: True, Attribute.LABEL: "signer", Attribute.ID: b"\x01"}
        )
        session.create_object(certificate)
    return "ims-test"


def test_a_softhsm2_token_signs_through_pkcs11(softhsm_token, signed_pdfs, settings, plain_pdf):
    settings.IMS_SIGNING_BACKEND = "pkcs11"
    settings.IMS_SIGNING_PKCS11_MODULE = SOFTHSM_MODULE
    settings.IMS_SIGNING_PKCS11_TOKEN_LABEL = softhsm_token
    settings.IMS_SIGNING_PKCS11_PIN = "1234"
    settings.IMS_SIGNING_PKCS11_KEY_LABEL = "signer"
    backend = signing.configured_backend()
    assert backend.name == "pkcs11"
    signed = sign(plain_pdf, code="QT.09-VP", number=1)
    result = verify.verify_pdf(signed)
    assert result.verdict == verify.GENUINE, result.details
    assert (result.code, result.number) == ("QT.09-VP", 1)
    assert result.signer.common_name == SIGNING_ORGANISATION
    assert backend.fingerprint() == signing.signing_identity()


def test_a_signing_file_that_cannot_be_opened_fails_the_system_check(settings, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.IMS_SIGNING_BACKEND = ""
    settings.IMS_SIGNING_PKCS12_FILE = str(tmp_path / "missing.p12")
    with pytest.raises(SystemCheckError, match="ims.E020"):
        call_command("check")
    settings.IMS_SIGNING_PKCS12_FILE = ""
    call_command("check")  # unset: PDFs unsigned, nothing to report


PRELOAD_CHECK = """
import sys, django
django.setup()
from celery.signals import worker_init
from ims import signing
import ims.celery
assert "pyhanko.sign.signers" not in sys.modules, "loaded before the worker started"
worker_init.send(sender=None)
print("signers" if "pyhanko.sign.signers" in sys.modules else "no signers")
print("style" if signing._style is not None else "no style")
"""


def run_preload_check(env_extra: dict) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMS_SIGNING_")}
    env.update(env_extra, DJANGO_SETTINGS_MODULE="ims.settings")
    result = subprocess.run(
        [sys.executable, "-c", PRELOAD_CHECK],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.split()


def test_a_starting_worker_loads_the_signing_code_before_its_pool_forks(signing_certificates):
    """The first manual a worker process signs does not pay pyHanko's imports and the font."""
    loaded = run_preload_check(
        {
            "IMS_SIGNING_PKCS12_FILE": str(signing_certificates.pkcs12_path),
            "IMS_SIGNING_PKCS12_PASSWORD": "x",  # the key is not opened by the preload
        }
    )
    assert loaded == ["signers", "style"]


def test_a_starting_worker_loads_nothing_when_pdfs_are_not_signed():
    assert run_preload_check({}) == ["no", "signers", "no", "style"]
