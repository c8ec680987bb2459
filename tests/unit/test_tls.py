"""The office server's certificate: made once, its key private, its fingerprint stable."""

import stat

import pytest
from cryptography import x509

from core.errors import DomainError
from core.server import tls


def test_the_certificate_is_made_once_and_its_key_is_the_servers_alone(tmp_path):
    cert, key, first = tls.ensure(tmp_path, ["office-server", "192.168.1.20"])
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    again = tls.ensure(tmp_path, ["office-server"])
    assert again == (cert, key, first)  # same certificate on every start
    names = x509.load_pem_x509_certificate(cert.read_bytes()).extensions.get_extension_for_class(
        x509.SubjectAlternativeName).value
    assert "office-server" in names.get_values_for_type(x509.DNSName)
    assert "192.168.1.20" in {str(a) for a in names.get_values_for_type(x509.IPAddress)}
    assert len(first) == 95 and first.count(":") == 31


def test_a_fingerprint_is_read_however_it_is_typed(tmp_path):
    _c, _k, printed = tls.ensure(tmp_path, [])
    typed = printed.replace(":", "").lower()
    assert tls.normalise_fingerprint(typed) == printed
    assert tls.normalise_fingerprint(" " + printed.lower() + "\n") == printed


@pytest.mark.parametrize("bad", ["", "AB:CD", "g" * 64, "0" * 63, "0" * 65])
def test_anything_else_is_no_fingerprint(bad):
    with pytest.raises(DomainError, match="64 hexadecimal digits"):
        tls.normalise_fingerprint(bad)
