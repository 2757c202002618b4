"""Issue 17, finding 5 (transport): clear http, oversized answers, hostile signing headers and
a secrets file others could read or plant. Each attack is refused in words, nothing stored."""

from __future__ import annotations

import http.client
import os
import stat
from pathlib import Path

import pytest

from kiosk.config import load_settings
from kiosk.errors import ConfigError
from kiosk.secrets import Secrets, load_secrets, pin_pepper, save_secrets
from sync.client import ProvinceClient
from sync.transport import InsecureURL, transport_problem
from tests.security.trust_support import kiosk, province_fixture  # noqa: F401
from tests.sync.support import ENROLLMENT_CODE, SECRET, TERMINAL_ID, Emulator


@pytest.mark.parametrize("url", ["http://province.example/vt", "http://10.0.0.7:8765",
                                 "ftp://province.example", "http://user:pw@127.0.0.1:1/"])
def test_enrollment_over_clear_http_is_refused_before_anything_is_sent(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str) -> None:
    code, out = kiosk(capsys, tmp_path, "enroll", url, "--terminal-id", TERMINAL_ID,
                      "--code", ENROLLMENT_CODE, "--village-code", "330110001001")
    assert code != 0
    assert "https" in out or "login" in out
    assert not (tmp_path / "data" / "secrets.toml").exists()
    assert not (tmp_path / "kiosk.toml").exists()


def test_the_client_and_the_configuration_refuse_http_except_to_this_machine() -> None:
    with pytest.raises(InsecureURL, match="https"):
        ProvinceClient("http://province.example/vt", TERMINAL_ID, SECRET)
    assert transport_problem("https://province.example/vt") == ""
    for loopback in ("http://127.0.0.1:8765", "http://localhost/vt", "http://[::1]:80"):
        assert transport_problem(loopback) == ""
    with pytest.raises(ConfigError, match="https"):
        load_settings(None, environ={"KIOSK__PROVINCE__URL": "http://province.example/vt"})


def test_an_oversized_answer_is_not_read_and_nothing_is_applied(province: Emulator) -> None:
    with ProvinceClient(province.url, TERMINAL_ID, SECRET, max_response_bytes=2048) as client:
        answer = client.request("GET", "/v1/datasets/subsidies/changes?since=0&limit=1000")
        assert answer.kind == "transient"
        assert answer.error == "response_too_large"
        assert answer.body == b""
        small = client.request("GET", "/v1/datasets/services/changes?since=0&limit=1")
        assert small.ok  # under the cap, the same client works


def _raw_request(url: str, headers: list[tuple[bytes, bytes]]) -> tuple[int, bytes]:
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.putrequest("POST", f"/v1/terminals/{TERMINAL_ID}/heartbeat",
                              skip_accept_encoding=True)
        for name, value in headers:
            connection.putheader(name, value)
        connection.endheaders(b"{}")
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(("name", "value"), [
    (b"X-Signature", "é".encode() * 32),
    (b"X-Content-SHA256", "密".encode() * 20),
    (b"X-Timestamp", "١٧٠٠٠٠٠٠٠٠".encode()),  # Arabic-Indic digits: int() takes them
    (b"X-Nonce", b"\xff" * 32),
    (b"X-Terminal-Id", "终端".encode()),
])
def test_non_ascii_signing_headers_are_401_not_500(province: Emulator, name: bytes,
                                                    value: bytes) -> None:
    headers = {b"X-Terminal-Id": TERMINAL_ID.encode(), b"X-Timestamp": b"1800000000",
               b"X-Nonce": b"0" * 32, b"X-Content-SHA256": b"0" * 64, b"X-Signature": b"0" * 64,
               b"Content-Length": b"2"}
    headers[name] = value
    status, body = _raw_request(province.url, list(headers.items()))
    assert status == 401
    assert b"bad_signature" in body


def test_a_content_length_that_is_not_a_number_is_400(province: Emulator) -> None:
    status, body = _raw_request(province.url, [(b"Content-Length", b"12abc")])
    assert status == 400
    assert b"Content-Length" in body


def test_secrets_readable_by_others_are_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    save_secrets(path, Secrets(b"t" * 32, b"l" * 32))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    with pytest.raises(ConfigError, match="600"):
        load_secrets(path)
    path.chmod(0o600)
    assert load_secrets(path).terminal_secret == b"t" * 32


def test_a_symlinked_secrets_file_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.toml"
    save_secrets(real, Secrets(b"t" * 32, b"l" * 32))
    link = tmp_path / "secrets.toml"
    link.symlink_to(real)
    with pytest.raises(ConfigError, match="link"):
        load_secrets(link)


def test_saving_never_writes_through_a_planted_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "secrets.tmp").symlink_to(victim)  # the old fixed name, planted
    (tmp_path / ".secrets.toml.tmp").symlink_to(victim)
    save_secrets(path, Secrets(b"t" * 32, b"l" * 32))
    assert victim.read_text() == "precious"
    assert not path.is_symlink()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")
            and not p.is_symlink()] == []  # the random temporary name was renamed away


def test_the_pin_pepper_is_made_once_and_survives_a_write_without_it(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    pepper = pin_pepper(path)
    assert len(pepper) == 32
    assert pin_pepper(path) == pepper
    save_secrets(path, Secrets(b"t" * 32, b"l" * 32))  # e.g. an enrollment writing its keys
    assert load_secrets(path).pin_pepper == pepper
    assert os.stat(path).st_mode & 0o077 == 0


def test_a_secrets_file_from_before_these_fields_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    path.write_text(f'terminal_secret = "{(b"t" * 32).hex()}"\nlookup_key = "{(b"l" * 32).hex()}"'
                    '\n\n[publisher_keys]\n"k1" = "' + "A" * 43 + '="\n', encoding="utf-8")
    path.chmod(0o600)
    loaded = load_secrets(path)
    assert loaded.enrolled
    assert (loaded.pin_pepper, loaded.key_list_version, loaded.pending_publisher_keys) == (
        b"", 0, {})
    assert len(loaded.publisher_keys["k1"]) == 32
