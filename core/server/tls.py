"""The office server's certificate: self-signed, made once, pinned by its fingerprint.

On its first start the server makes an EC P-256 key and a self-signed certificate for
the names it is reached by, in its own folder (the key readable by the server's account
only).  Workstations pin the certificate's SHA-256 fingerprint on first connect, as SSH
does with a host key, or trust a company CA that signed a certificate put there instead.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP

CERT, KEY = "server.crt", "server.key"
_HEX = re.compile(r"[0-9a-f]{64}")


def fingerprint_of(der: bytes) -> str:
    """The SHA-256 fingerprint of a DER certificate: 32 hex pairs joined by colons."""
    digest = hashes.Hash(hashes.SHA256())
    digest.update(der)
    return ":".join(f"{b:02X}" for b in digest.finalize())


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (64 hex digits, colons and spaces optional, any case) in the
    form ``fingerprint_of`` gives; a DomainError for anything else."""
    hexa = re.sub(r"[\s:]", "", text).lower()
    if not _HEX.fullmatch(hexa):
        raise DomainError(QT_TRANSLATE_NOOP(
            "core", "A certificate fingerprint is 64 hexadecimal digits (colons between "
            "pairs are optional), as the server prints it when it starts."))
    return ":".join(hexa[i:i + 2] for i in range(0, 64, 2)).upper()


def _names(hosts: list[str]) -> list[x509.GeneralName]:
    out: list[x509.GeneralName] = []
    for host in dict.fromkeys(["localhost", "127.0.0.1", socket.gethostname(), *hosts]):
        if not host or host in ("0.0.0.0", "::"):
            continue
        try:
            out.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            out.append(x509.DNSName(host))
    return out


def ensure(folder: Path, hosts: list[str]) -> tuple[Path, Path, str]:
    """The certificate and key files in ``folder`` (made on the first start) and the
    certificate's fingerprint."""
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / CERT, folder / KEY
    if not cert_path.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME,
                                             f"Roundsman server {socket.gethostname()}")])
        now = datetime.now(timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - timedelta(days=1))
                .not_valid_after(now + timedelta(days=3650))
                .add_extension(x509.SubjectAlternativeName(_names(hosts)), critical=False)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None),
                               critical=True)
                .sign(key, hashes.SHA256()))
        key_bytes = key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())
        descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key_bytes)
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    return cert_path, key_path, fingerprint_of(cert.public_bytes(serialization.Encoding.DER))
