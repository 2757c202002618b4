"""Issue 13 item 3: a clerk's social-security or ID card, enrolled by an admin, signs that clerk
in with the PIN, never without it; on the service, the sign-in screen and the real reader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.devices.cards.result import CardRead
from kiosk.services.audit import AuditLog
from kiosk.services.auth import FAILED, MAX_FAILURES, AuthService, SignInFailed
from kiosk.services.holder_keys import id_number_key, social_security_card_key
from kiosk.services.staff_cards import enroll_card, keys_from_numbers, remove_cards
from kiosk.storage.database import Database
from tests.staff.conftest import CLERK, Clock

LOOKUP_KEY = bytes(range(64, 96))
PEPPER = bytes(range(1, 33))
ID_NUMBER = "33010219900101123X"  # the clerk's, on their cards
REPO = Path(__file__).resolve().parents[2]


def ssc_card(id_number: str | None = ID_NUMBER, number: str = "A12345678") -> CardRead:
    return CardRead("social_security", number, id_number=id_number).with_lookup_keys(LOOKUP_KEY)


def id_card_keys(id_number: str = ID_NUMBER) -> list[str]:
    """What a second-generation ID card read gives: the contract's `ID:` holder key."""
    return [id_number_key(LOOKUP_KEY, id_number)]


@pytest.fixture
def cards_auth(db: Database, audit: AuditLog, clock: Clock) -> AuthService:
    service = AuthService(db, audit, clock, pepper=PEPPER)
    service.add_user(*CLERK)
    enroll_card(service, CLERK[0], keys_from_numbers(LOOKUP_KEY, id_number=ID_NUMBER),
                actor="9001")
    return service


def _fails(action: Any) -> str:
    with pytest.raises(SignInFailed) as failed:
        action()
    return str(failed.value)


def test_an_enrolled_card_and_the_pin_sign_the_clerk_in(cards_auth: AuthService,
                                                        audit: AuditLog) -> None:
    session = cards_auth.sign_in_with_card(ssc_card().lookup_keys, CLERK[3])
    assert (session.user_id, session.method) == (CLERK[0], "card")
    cards_auth.sign_out()
    assert cards_auth.sign_in_with_card(id_card_keys(), CLERK[3]).user_id == CLERK[0]
    signed = [e for e in audit.recent() if e["action"] == "staff_signed_in"]
    assert signed[-1]["details"]["method"] == "card"
    enrolled = [e for e in audit.recent() if e["action"] == "staff_card_enrolled"]
    assert enrolled[0]["actor"] == "9001"
    assert ID_NUMBER not in str(enrolled)  # masked labels only


def test_a_card_alone_or_with_a_wrong_pin_never_signs_in(cards_auth: AuthService,
                                                         clock: Clock) -> None:
    keys = ssc_card().lookup_keys
    assert _fails(lambda: cards_auth.sign_in_with_card(keys, "")) == FAILED
    for _ in range(MAX_FAILURES - 1):
        assert _fails(lambda: cards_auth.sign_in_with_card(keys, "000999")) == FAILED
    # the card's failures count against the account like any other: now it is locked
    assert _fails(lambda: cards_auth.sign_in(CLERK[0], CLERK[3])) == FAILED
    assert _fails(lambda: cards_auth.sign_in_with_card(keys, CLERK[3])) == FAILED
    clock.now += 61
    assert cards_auth.sign_in_with_card(keys, CLERK[3]).user_id == CLERK[0]


def test_someone_elses_card_or_a_removed_one_fails_like_a_wrong_pin(
        cards_auth: AuthService, db: Database) -> None:
    stranger = ssc_card("330102198001010011", "B87654321")
    assert _fails(lambda: cards_auth.sign_in_with_card(stranger.lookup_keys, CLERK[3])) == FAILED
    assert remove_cards(cards_auth, CLERK[0], actor="9001") == 1
    assert _fails(lambda: cards_auth.sign_in_with_card(id_card_keys(), CLERK[3])) == FAILED
    assert cards_auth.users()[0].cards == 0


def test_only_a_keyed_hash_of_the_card_is_stored(cards_auth: AuthService, db: Database) -> None:
    dump = "\n".join(db.conn.iterdump())
    assert id_number_key(LOOKUP_KEY, ID_NUMBER) not in dump  # not joinable with subsidies
    assert ID_NUMBER not in dump
    assert [r[0] for r in db.execute("SELECT kind FROM staff_cards")] == ["ID"]


def test_a_disabled_account_cannot_get_a_card(cards_auth: AuthService) -> None:
    from kiosk.services.auth import AuthError

    cards_auth.set_disabled(CLERK[0], True)
    with pytest.raises(AuthError, match="no enabled staff number"):
        enroll_card(cards_auth, CLERK[0], keys_from_numbers(LOOKUP_KEY, ssc_number="A1"))


def test_the_sign_in_screen_takes_a_card_then_the_pin(qtbot: QtBot, staff_shell: Any,
                                                      ui_services: Any) -> None:
    from kiosk.secrets import Secrets, load_secrets, save_secrets
    from kiosk.ui.card_bridge import CardBridge
    from tests.staff.test_staff_ui import settle, staff_page, type_on_pad

    secrets = ui_services.paths.secrets
    save_secrets(secrets, Secrets(b"t" * 32, LOOKUP_KEY))
    auth = ui_services.staff.auth
    assert load_secrets(secrets).pin_pepper  # the staff services made one
    enroll_card(auth, CLERK[0], keys_from_numbers(LOOKUP_KEY, id_number=ID_NUMBER))
    page = staff_page(staff_shell)
    bridge = CardBridge()
    page.attach_card_bridge(bridge)
    staff_shell.window.show_page("staff")
    view = page.sign_in_view
    bridge.card_read.emit(ssc_card())
    assert view.card_mode
    assert not view.staff_id.isEnabled()
    qtbot.mouseClick(view.submit, Qt.MouseButton.LeftButton)  # no PIN yet: nothing is sent
    settle(qtbot, staff_shell)
    assert page.session is None
    type_on_pad(qtbot, page, view.pin, CLERK[3])
    qtbot.mouseClick(view.submit, Qt.MouseButton.LeftButton)
    settle(qtbot, staff_shell)
    session: Any = getattr(page, "session")  # noqa: B009 (read again after the task ran)
    assert (session.user_id, session.method) == (CLERK[0], "card")
    page.sign_out()
    settle(qtbot, staff_shell)
    bridge.card_read.emit(ssc_card())
    bridge.card_removed.emit("reader")  # lifted before the PIN: back to the staff number
    assert not view.card_mode
    assert view.staff_id.isEnabled()


@pytest.mark.system
def test_enroll_card_reads_the_clerks_card_in_the_real_reader(tmp_path: Path) -> None:
    """`kiosk users enroll-card` against pcscd + vpcd (run under `flock /tmp/vpcd.lock`)."""
    from kiosk.secrets import Secrets, load_secrets, save_secrets
    from kiosk.storage.database import open_database
    from tests.support.cards import SocialSecurityCard
    from tests.support.rigs import TEST_PORT
    from tests.support.virtual_card import VirtualCard, reader_name

    data = tmp_path / "data"
    save_secrets(data / "secrets.toml", Secrets(b"t" * 32, LOOKUP_KEY))

    def kiosk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(data),
                               "--config", str(tmp_path / "none.toml"), *args],
                              input=stdin, capture_output=True, text=True, timeout=60, cwd=REPO)

    assert kiosk("users", "add", CLERK[0], "--name", CLERK[1], "--role", "clerk",
                 "--pin-stdin", stdin=CLERK[3] + "\n").returncode == 0
    with VirtualCard(SocialSecurityCard(2), TEST_PORT):
        done = kiosk("users", "enroll-card", CLERK[0], "--reader", reader_name(TEST_PORT),
                     "--timeout", "5", "--json")
    assert done.returncode == 0, done.stderr
    assert "A12345678" not in done.stdout
    listed = kiosk("users", "list")
    assert "cards=" in listed.stdout
    db = open_database(data / "kiosk.sqlite3")
    try:
        auth = AuthService(db, AuditLog(db), pepper=load_secrets(data / "secrets.toml")
                           .pin_pepper)
        ssc_key = social_security_card_key(LOOKUP_KEY, "A12345678")
        assert auth.sign_in_with_card([ssc_key], CLERK[3]).user_id == CLERK[0]
    finally:
        db.close()
    nobody = kiosk("users", "enroll-card", "4242", "--id-number-stdin", stdin=ID_NUMBER + "\n")
    assert nobody.returncode != 0
    assert "no enabled staff number" in nobody.stderr


def test_an_admin_enrolls_a_card_from_the_console(qtbot: QtBot, staff_shell: Any,
                                                  ui_services: Any) -> None:
    from kiosk.secrets import Secrets, save_secrets
    from kiosk.ui.card_bridge import CardBridge
    from tests.staff.conftest import ADMIN
    from tests.staff.test_staff_ui import settle, sign_in, staff_page

    save_secrets(ui_services.paths.secrets, Secrets(b"t" * 32, LOOKUP_KEY))
    page = staff_page(staff_shell)
    bridge = CardBridge()
    page.attach_card_bridge(bridge)
    sign_in(qtbot, staff_shell, ADMIN)
    page._show("setup")
    qtbot.keyClicks(page.setup.card_for, CLERK[0])
    page.setup._on_card_clicked()
    bridge.card_read.emit(ssc_card())
    settle(qtbot, staff_shell)
    assert CLERK[0] in page.setup.message.text()
    assert ui_services.staff.auth.enabled_staff(CLERK[0]).cards == 2  # its ID: and SSC: keys
    page.sign_out()
    settle(qtbot, staff_shell)
    session = ui_services.staff.auth.sign_in_with_card(ssc_card().lookup_keys, CLERK[3])
    assert session.user_id == CLERK[0]


def test_enroll_card_by_id_number_on_the_command_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from kiosk.cli import main
    from kiosk.secrets import Secrets, load_secrets, save_secrets
    from kiosk.storage.database import open_database

    data = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    save_secrets(data / "secrets.toml", Secrets(b"t" * 32, LOOKUP_KEY))

    def run(*argv: str, stdin: str = "") -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    assert run("users", "add", CLERK[0], "--name", CLERK[1], "--role", "clerk",
               "--pin-stdin", stdin=CLERK[3] + "\n")[0] == 0
    code, out = run("users", "enroll-card", CLERK[0], "--id-number-stdin",
                    stdin="330102199001011235\n")  # a wrong check character
    assert code != 0
    assert "check" in out
    valid = "330102199001011234"
    code, out = run("users", "enroll-card", CLERK[0], "--id-number-stdin", "--json",
                    stdin=valid + "\n")
    assert code == 0, out
    assert valid not in out  # masked
    db = open_database(data / "kiosk.sqlite3")
    try:
        auth = AuthService(db, AuditLog(db), pepper=load_secrets(data / "secrets.toml")
                           .pin_pepper)
        assert auth.sign_in_with_card(id_card_keys(valid), CLERK[3]).user_id == CLERK[0]
    finally:
        db.close()
    code, out = run("users", "remove-cards", CLERK[0], "--json")
    assert (code, '"removed": 1' in out) == (0, True)
