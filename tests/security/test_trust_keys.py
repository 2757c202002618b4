"""Issue 17, finding 5 (keys and disclosures): re-enrollment cannot swap publisher keys without
an admin, keys rotate only through a signed key list, an older signed version or another
village's item never replaces what the terminal shows, and attachments are re-hashed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.secrets import load_secrets
from tests.security.trust_support import (
    audit_actions,
    b64,
    disclosure,
    enroll,
    key_list,
    key_pair,
    kiosk,
    new_enrollment_code,
    province_fixture,  # noqa: F401 (the `province` fixture)
    stored_disclosure,
)
from tests.sync.support import KEY_ID, Emulator, signer


def _sync(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> dict[str, object]:
    _code, out = kiosk(capsys, tmp_path, "sync", "--once", "--json")
    return dict(json.loads(out))


def test_re_enrollment_with_other_keys_waits_for_an_admin(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, province: Emulator) -> None:
    assert enroll(capsys, tmp_path, province)[0] == 0
    secrets = tmp_path / "data" / "secrets.toml"
    trusted = load_secrets(secrets).publisher_keys
    attacker, attacker_public = key_pair("attacker")
    province.control("provisioning", {"publisher_keys": [
        {"key_id": "evil", "public_key": b64(attacker_public)}]})
    new_enrollment_code(province, "SECOND-CODE-0001")
    code, out = enroll(capsys, tmp_path, province, code="SECOND-CODE-0001")
    assert code == 0
    result = json.loads(out)
    assert result["pending_confirmation"] is True
    assert set(result["publisher_key_changes"]["added"]) == {"evil"}
    assert load_secrets(secrets).publisher_keys == trusted  # still the old keys
    assert "publisher_keys_change_pending" in [a for a, _ in audit_actions(tmp_path)]

    forged = disclosure(90, private=attacker, key_id="evil", title="伪造的公开")
    province.control("datasets/disclosures", {"upsert": [forged]})
    _sync(capsys, tmp_path)
    assert stored_disclosure(tmp_path, "d-0090") is None  # not shown: not signed by a trusted key

    code, out = kiosk(capsys, tmp_path, "keys")
    assert code == 0
    assert "evil" in out
    assert "kiosk keys accept" in out
    code, out = kiosk(capsys, tmp_path, "keys", "reject", "--json")
    assert json.loads(out)["accepted"] is False
    assert load_secrets(secrets).publisher_keys == trusted
    assert load_secrets(secrets).pending_publisher_keys == {}
    assert "publisher_keys_change_rejected" in [a for a, _ in audit_actions(tmp_path)]
    code, out = kiosk(capsys, tmp_path, "keys", "accept")
    assert code != 0
    assert "no publisher key change" in out


def test_an_admin_can_accept_a_key_change_up_front_and_it_is_audited(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, province: Emulator) -> None:
    assert enroll(capsys, tmp_path, province)[0] == 0
    _new, new_public = key_pair("township-2027")
    province.control("provisioning", {"publisher_keys": [
        {"key_id": "township-2027", "public_key": b64(new_public)}]})
    new_enrollment_code(province, "SECOND-CODE-0002")
    code, out = enroll(capsys, tmp_path, province, "--accept-key-changes",
                       code="SECOND-CODE-0002")
    assert code == 0
    assert json.loads(out)["pending_confirmation"] is False
    assert load_secrets(tmp_path / "data" / "secrets.toml").publisher_keys == {
        "township-2027": new_public}
    changed = [json.loads(d) for a, d in audit_actions(tmp_path) if a == "publisher_keys_changed"]
    assert set(changed[0]["removed"]) == {KEY_ID}
    assert set(changed[0]["added"]) == {"township-2027"}


def test_keys_rotate_through_a_signed_key_list_and_only_through_one(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, province: Emulator) -> None:
    assert enroll(capsys, tmp_path, province)[0] == 0
    secrets = tmp_path / "data" / "secrets.toml"
    old_private, _ = signer()
    new_private, new_public = key_pair("township-2027")
    attacker, attacker_public = key_pair("attacker")

    # A list signed by a key the terminal does not trust changes nothing.
    forged = key_list(1, {"evil": attacker_public}, attacker, "evil")
    province.control("provisioning", {"publisher_key_list": forged})
    result = _sync(capsys, tmp_path)
    assert str(result["heartbeat"]["key_list"]).startswith("refused")  # type: ignore[index]
    assert "evil" not in load_secrets(secrets).publisher_keys
    assert "publisher_key_list_refused" in [a for a, _ in audit_actions(tmp_path)]

    # The old key signs the list that hands over to the new one.
    rotation = key_list(1, {"township-2027": new_public}, old_private, KEY_ID)
    province.control("provisioning", {"publisher_key_list": rotation})
    province.control("datasets/disclosures", {"upsert": [
        disclosure(91, private=new_private, key_id="township-2027", title="新密钥签名")]})
    result = _sync(capsys, tmp_path)
    assert result["heartbeat"]["key_list"] == "rotated"  # type: ignore[index]
    current = load_secrets(secrets)
    assert (current.publisher_keys, current.key_list_version) == (
        {"township-2027": new_public}, 1)
    assert stored_disclosure(tmp_path, "d-0091") is not None
    assert "publisher_keys_rotated" in [a for a, _ in audit_actions(tmp_path)]

    # The old list again (a replay) is not newer: nothing happens.
    replay = key_list(1, {KEY_ID: signer()[1]}, new_private, "township-2027")
    province.control("provisioning", {"publisher_key_list": replay})
    assert _sync(capsys, tmp_path)["heartbeat"]["key_list"] == ""  # type: ignore[index]
    assert load_secrets(secrets).publisher_keys == {"township-2027": new_public}


def test_an_older_signed_version_never_replaces_a_newer_one(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, province: Emulator) -> None:
    newer = disclosure(0, published_at="2026-12-01T08:00:00Z", title="更正后的公开")
    province.control("datasets/disclosures", {"upsert": [newer]})
    assert enroll(capsys, tmp_path, province)[0] == 0
    _sync(capsys, tmp_path)
    assert stored_disclosure(tmp_path, "d-0000")["title"] == "更正后的公开"  # type: ignore[index]

    older = disclosure(0, published_at="2026-11-01T08:00:00Z", title="更正前的公开")
    province.control("datasets/disclosures", {"upsert": [older]})
    result = _sync(capsys, tmp_path)
    assert stored_disclosure(tmp_path, "d-0000")["title"] == "更正后的公开"  # type: ignore[index]
    pulled = {d["dataset"]: d for d in result["pull"]["datasets"]}  # type: ignore[index]
    assert "d-0000" in pulled["disclosures"]["rejected"]

    # Deleted, then the old copy offered again: still refused (the newest version is kept).
    province.control("datasets/disclosures", {"delete": ["d-0000"]})
    _sync(capsys, tmp_path)
    province.control("datasets/disclosures", {"upsert": [older]})
    _sync(capsys, tmp_path)
    assert stored_disclosure(tmp_path, "d-0000") is None
    _code, out = kiosk(capsys, tmp_path, "outbox")
    assert "rollback refused" in out


def test_an_item_signed_for_another_village_or_id_is_not_shown(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, province: Emulator) -> None:
    province.control("datasets/disclosures", {"upsert": [
        disclosure(50, village_code="330110001999", title="别村的公开"),
        disclosure(51, village_code="330110001001", title="本村的公开")]})
    assert enroll(capsys, tmp_path, province)[0] == 0
    _sync(capsys, tmp_path)
    assert stored_disclosure(tmp_path, "d-0050") is None
    assert stored_disclosure(tmp_path, "d-0051") is not None
    _code, out = kiosk(capsys, tmp_path, "outbox")
    assert "signed for village 330110001999" in out


def test_an_attachment_changed_on_disk_is_not_shown(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, province: Emulator) -> None:
    import requests

    from kiosk.services.disclosures import DisclosureService
    from kiosk.services.document_camera import png_page
    from kiosk.storage.database import open_database

    picture = png_page(40, 30, 1)
    sha = requests.post(f"{province.url}/_emulator/files", data=picture, timeout=10).json()[
        "sha256"]
    item = disclosure(60, attachments=[{"sha256": sha, "filename": "公示.png",
                                        "media_type": "image/png", "size": len(picture)}])
    province.control("datasets/disclosures", {"upsert": [item]})
    assert enroll(capsys, tmp_path, province)[0] == 0
    _sync(capsys, tmp_path)
    files = tmp_path / "data" / "files"
    db = open_database(tmp_path / "data" / "kiosk.sqlite3")
    try:
        service = DisclosureService(db, load_secrets(tmp_path / "data" / "secrets.toml")
                                    .publisher_keys, files)
        [shown] = service.show("d-0060").attachments
        assert shown.content == picture
        (files / sha).write_bytes(picture[:-8] + b"tampered")
        [tampered] = service.show("d-0060").attachments
        assert (tampered.path, tampered.content) == (None, None)
        assert any("does not match" in r["reason"] for r in service.rejected())
    finally:
        db.close()
    province.control("datasets/disclosures", {"upsert": [item]})  # offered again: fetched again
    _sync(capsys, tmp_path)
    assert (files / sha).read_bytes() == picture


def test_the_kiosk_never_shows_another_villages_item_even_if_it_is_in_the_database(
        tmp_path: Path) -> None:
    from kiosk.services.disclosures import DisclosureService, DisclosureUnavailable
    from kiosk.storage.database import open_database, transaction

    db = open_database(tmp_path / "kiosk.sqlite3")
    try:
        for item in (disclosure(70, village_code="330110001999"), disclosure(71)):
            with transaction(db):
                db.execute("INSERT INTO disclosures (id, kind, category, title, period,"
                           " published_at, publisher, data) VALUES (?,?,?,?,?,?,?,?)",
                           (item["id"], item["kind"], item["category"], item["title"],
                            item["period"], item["published_at"], item["publisher"],
                            json.dumps(item, ensure_ascii=False)))
        service = DisclosureService(db, {KEY_ID: signer()[1]}, village_code="330110001001")
        assert [s.id for s in service.browse()] == ["d-0071"]
        with pytest.raises(DisclosureUnavailable):
            service.show("d-0070")
        assert any("330110001999" in r["reason"] for r in service.rejected())
    finally:
        db.close()


def test_a_re_enrollment_whose_keys_come_in_a_list_signed_by_a_trusted_key_needs_no_admin(
) -> None:
    from kiosk.secrets import Secrets
    from kiosk.services.publisher_keys import adopt_enrollment

    old_private, old_public = signer()
    _new_private, new_public = key_pair("township-2027")
    attacker, attacker_public = key_pair("attacker")
    trusted = Secrets(b"t" * 32, b"l" * 32, {KEY_ID: old_public})
    signed = key_list(1, {"township-2027": new_public}, old_private, KEY_ID)
    keyed, action, _diff = adopt_enrollment(trusted, {"township-2027": new_public}, signed,
                                            accept=False)
    assert (keyed.publisher_keys, keyed.key_list_version, action) == (
        {"township-2027": new_public}, 1, "publisher_keys_changed")
    # the same keys, but the list is signed by a key the terminal does not trust: it waits
    forged = key_list(1, {"evil": attacker_public}, attacker, "evil")
    keyed, action, _diff = adopt_enrollment(trusted, {"evil": attacker_public}, forged,
                                            accept=False)
    assert (keyed.publisher_keys, action) == ({KEY_ID: old_public},
                                              "publisher_keys_change_pending")
    assert keyed.pending_publisher_keys == {"evil": attacker_public}
    # first enrollment: the answer's keys, and its list's version when the list verifies
    first, action, _diff = adopt_enrollment(Secrets(), {KEY_ID: old_public},
                                            key_list(3, {KEY_ID: old_public}, old_private,
                                                     KEY_ID), accept=False)
    assert (first.publisher_keys, first.key_list_version, action) == (
        {KEY_ID: old_public}, 3, "publisher_keys_set")
