"""Where the organisation's signing key lives: a PKCS#12 file or a PKCS#11 token.

A backend gives a pyHanko ``Signer`` for the time of one signature
(``with backend.signer() as signer``), and says whose certificate it holds
without opening the key (``subject()``, ``fingerprint()``, ``certificate()``).
``configured_backend()`` builds the one the settings name, once per setting values.
"""

import hashlib
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _


class SigningError(Exception):
    """The PDF could not be signed (bad configuration, token absent, TSA down)."""


@dataclass(frozen=True)
class Subject:
    """Who a certificate names: common name and organisation (either may be empty)."""

    common_name: str
    organisation: str

    def __str__(self):
        if self.organisation and self.organisation != self.common_name:
            return f"{self.common_name} ({self.organisation})"
        return self.common_name


def subject_of(cert):
    """The :class:`Subject` of an asn1crypto certificate."""
    names = cert.subject.native
    return Subject(
        common_name=str(names.get("common_name", "")),
        organisation=str(names.get("organization_name", "")),
    )


class Backend:
    """The interface: what the signing code needs of a key store."""

    name = ""

    def certificate(self):
        """The signing certificate (asn1crypto ``x509.Certificate``)."""
        raise NotImplementedError

    def chain(self) -> list:
        """The other certificates that came with it (issuers, up to the root)."""
        return []

    @contextmanager
    def signer(self):
        """A pyHanko ``Signer`` usable until the block ends."""
        raise NotImplementedError
        yield

    def subject(self):
        return subject_of(self.certificate())

    def fingerprint(self) -> str:
        return hashlib.sha256(self.certificate().dump()).hexdigest()

    def trust_roots(self) -> list:
        """The self-signed certificates of the chain: trusted when no roots are configured."""
        return [c for c in [self.certificate(), *self.chain()] if c.self_signed in ("yes", "maybe")]


def _kept_key_signer(loaded):
    """pyHanko's ``SimpleSigner`` with its private key parsed once, not per signature.

    ``SimpleSigner.sign_raw`` re-reads the key for every signature, and reading an
    RSA key checks it, which costs about 100 ms: more than the rest of a signature.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class KeptKeySigner(SimpleSigner):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._key = serialization.load_der_private_key(self.signing_key.dump(), None)

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            if mechanism.signature_algo == "rsassa_pkcs1v15":
                return self._key.sign(
                    data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)
                )
            return super().sign_raw(data, digest_algorithm)  # other kinds of key: as pyHanko

    return KeptKeySigner(
        signing_cert=loaded.signing_cert,
        signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry,
        signature_mechanism=loaded.signature_mechanism,
    )


class Pkcs12Backend(Backend):
    """A .p12 / .pfx file holding the key, its certificate and the chain."""

    name = "pkcs12"

    def __init__(self, path: str, password: str):
        from pyhanko.sign import signers

        file = Path(path)
        if not file.is_file():
            raise SigningError(
                _("The signing certificate file %(path)s does not exist.") % {"path": path}
            )
        try:
            self._signer = signers.SimpleSigner.load_pkcs12(
                str(file), passphrase=password.encode() if password else None
            )
        except Exception as error:
            raise SigningError(f"{path}: {type(error).__name__}: {error}") from error
        if self._signer is None:
            raise SigningError(
                _("The signing certificate file %(path)s could not be opened (wrong password?).")
                % {"path": path}
            )
        self._signer = _kept_key_signer(self._signer)

    def certificate(self):
        return self._signer.signing_cert

    def chain(self) -> list:
        return list(self._signer.cert_registry)

    @contextmanager
    def signer(self):
        yield self._signer  # holds no session: shared by threads


class Pkcs11Backend(Backend):
    """A key on a PKCS#11 token, opened with its PIN for each signature.

    A session per signature keeps threads and worker processes apart and survives a
    token pulled out and put back; with SoftHSM2 or a USB token it costs milliseconds.
    """

    name = "pkcs11"

    def __init__(self, module: str, token_label: str, pin: str, key_label: str, cert_label: str):
        if not Path(module).is_file():
            raise SigningError(_("The PKCS#11 module %(path)s does not exist.") % {"path": module})
        self.module = module
        self.token_label = token_label
        self.pin = pin
        self.key_label = key_label
        self.cert_label = cert_label or key_label
        self._certificate = None
        self._chain: list = []

    @contextmanager
    def _session(self):
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import open_pkcs11_session

        try:
            session = open_pkcs11_session(
                self.module,
                token_criteria=TokenCriteria(label=self.token_label or None),
                user_pin=self.pin or None,
            )
        except Exception as error:
            raise SigningError(f"PKCS#11: {type(error).__name__}: {error}") from error
        try:
            yield session
        finally:
            session.close()

    @contextmanager
    def signer(self):
        from pyhanko.sign.pkcs11 import PKCS11Signer

        with self._session() as session:
            signer = PKCS11Signer(
                session,
                key_label=self.key_label or None,
                cert_label=self.cert_label or None,
                signing_cert=self._certificate,
                other_certs_to_pull=None,  # every certificate on the token: the chain
            )
            if self._certificate is None:
                self._certificate = signer.signing_cert
                self._chain = list(signer.cert_registry)
            yield signer

    def _load(self):
        if self._certificate is None:
            with self.signer():
                pass

    def certificate(self):
        self._load()
        return self._certificate

    def chain(self) -> list:
        self._load()
        return self._chain


_lock = threading.Lock()
_backends: dict[tuple, Backend | None] = {}


def _config() -> tuple:
    kind = settings.IMS_SIGNING_BACKEND
    if kind == "":
        kind = "pkcs12" if settings.IMS_SIGNING_PKCS12_FILE else "none"
    if kind == "pkcs12":
        return (kind, settings.IMS_SIGNING_PKCS12_FILE, settings.IMS_SIGNING_PKCS12_PASSWORD)
    if kind == "pkcs11":
        return (
            kind,
            settings.IMS_SIGNING_PKCS11_MODULE,
            settings.IMS_SIGNING_PKCS11_TOKEN_LABEL,
            settings.IMS_SIGNING_PKCS11_PIN,
            settings.IMS_SIGNING_PKCS11_KEY_LABEL,
            settings.IMS_SIGNING_PKCS11_CERT_LABEL,
        )
    return ("none",)


def configured_backend() -> Backend | None:
    """The backend the settings name, or None (PDFs are issued unsigned).

    Built once per distinct configuration and process. Raises :class:`SigningError`
    when the settings name a key that cannot be opened: a misconfigured signer
    fails loudly instead of issuing unsigned PDFs quietly.
    """
    config = _config()
    with _lock:
        if config not in _backends:
            kind, *values = config
            if kind == "pkcs12":
                _backends[config] = Pkcs12Backend(*values)
            elif kind == "pkcs11":
                _backends[config] = Pkcs11Backend(*values)
            else:
                _backends[config] = None
        return _backends[config]
