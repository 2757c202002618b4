"""The Debian package, installed by dpkg into a scratch root: files, unit, user, permissions;
an upgrade over it keeps the data and secrets; remove keeps them, purge deletes them.

The package is built around a stand-in bundle (one script) so this runs in seconds; the real
bundle goes through the same `build.py deb` in test_frozen.py."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.installer.conftest import build_previous_database
from tests.installer.scratch_root import account, build_deb, dpkg, make_root

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="dpkg --root and useradd need root")


@pytest.fixture(scope="module")
def debs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    bundle = tmp_path_factory.mktemp("bundle") / "kiosk"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "kiosk").write_text("#!/bin/sh\necho stand-in kiosk \"$@\"\n")
    (bundle / "kiosk").chmod(0o755)
    out = tmp_path_factory.mktemp("debs")
    return build_deb(bundle, out, "0.1.0"), build_deb(bundle, out, "0.2.0")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_installs_files_unit_user_and_permissions(tmp_path: Path,
                                                   debs: tuple[Path, Path]) -> None:
    root = make_root(tmp_path / "root")
    result = dpkg(root, "-i", str(debs[0]))
    assert result.returncode == 0, result.stderr

    assert _mode(root / "opt/village-kiosk/kiosk") == 0o755
    assert (root / "usr/bin/kiosk").read_text().count("/opt/village-kiosk/kiosk") == 1
    assert _mode(root / "usr/lib/village-kiosk/kiosk-session") == 0o755
    unit = (root / "lib/systemd/system/village-kiosk.service").read_text()
    for line in ("Type=notify", "NotifyAccess=all", "User=kiosk", "Restart=always",
                 "WatchdogSec=30", "ExecStart=/usr/lib/village-kiosk/kiosk-session",
                 "StateDirectory=kiosk", "WantedBy=multi-user.target"):
        assert line in unit.splitlines(), line
    enabled = root / "etc/systemd/system/multi-user.target.wants/village-kiosk.service"
    assert os.readlink(enabled) == "/lib/systemd/system/village-kiosk.service"
    verify = subprocess.run(["systemd-analyze", "verify", f"--root={root}",
                             "village-kiosk.service"], capture_output=True, text=True)
    assert verify.returncode == 0, verify.stderr
    assert "village-kiosk.service:" not in verify.stderr  # no unknown keys, no bad values

    user = account(root, "kiosk")
    assert user is not None
    assert int(user[2]) < 1000  # a system user
    assert user[5:] == ["/var/lib/kiosk", "/usr/sbin/nologin"]
    assert unit_groups(root) == ["video", "input", "audio", "render", "tty"]
    for group in unit_groups(root):
        members = account(root, group, "group")
        assert members is not None, group
        assert "kiosk" in members[3].split(","), group

    data = root / "var/lib/kiosk"
    for folder in (data, data / "backups", data / "logs"):
        assert folder.stat().st_uid == int(user[2]), folder
        assert _mode(folder) == 0o750, folder
    config = root / "etc/village-kiosk"
    assert (config.stat().st_uid, config.stat().st_gid) == (0, int(user[3]))
    assert _mode(config) == 0o750


def unit_groups(root: Path) -> list[str]:
    """The unit's SupplementaryGroups=, as installed: systemd refuses to start the unit if one
    of them is missing from the root's /etc/group."""
    unit = (root / "lib/systemd/system/village-kiosk.service").read_text()
    lines = [line for line in unit.splitlines() if line.startswith("SupplementaryGroups=")]
    assert len(lines) == 1, lines
    return lines[0].split("=", 1)[1].split()


def test_a_root_lacking_input_and_render_gets_them_as_system_groups(
        tmp_path: Path, debs: tuple[Path, Path]) -> None:
    """Minimal images and containers often have no `input` (or `render`) group."""
    root = make_root(tmp_path / "root", lacking=("input", "render"))
    assert account(root, "input", "group") is None
    result = dpkg(root, "-i", str(debs[0]))
    assert result.returncode == 0, result.stderr
    for group in unit_groups(root):
        entry = account(root, group, "group")
        assert entry is not None, f"the unit names {group!r}, which the root does not have"
        assert "kiosk" in entry[3].split(","), group
    for created in ("input", "render"):
        entry = account(root, created, "group")
        assert entry is not None
        assert int(entry[2]) < 1000, entry  # a system group
    assert account(root, "video", "group") == ["video", "x", "44", "kiosk"]  # kept, joined
    verify = subprocess.run(["systemd-analyze", "verify", f"--root={root}",
                             "village-kiosk.service"], capture_output=True, text=True)
    assert verify.returncode == 0, verify.stderr
    assert "village-kiosk.service:" not in verify.stderr


def test_upgrade_keeps_database_outbox_print_queue_and_secrets(
        tmp_path: Path, debs: tuple[Path, Path]) -> None:
    root = make_root(tmp_path / "root")
    assert dpkg(root, "-i", str(debs[0])).returncode == 0
    data = root / "var/lib/kiosk"
    build_previous_database(data / "kiosk.sqlite3")
    secrets = data / "secrets.toml"
    secrets.write_text('terminal_secret = "c2VjcmV0"\n')
    secrets.chmod(0o600)
    user = account(root, "kiosk")
    assert user is not None
    uid, gid = int(user[2]), int(user[3])
    for path in (data / "kiosk.sqlite3", secrets):
        os.chown(path, uid, gid)
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}

    result = dpkg(root, "-i", str(debs[1]))
    assert result.returncode == 0, result.stderr
    status = (root / "var/lib/dpkg/status").read_text()
    assert "Version: 0.2.0" in status
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == before
    assert (secrets.stat().st_uid, _mode(secrets)) == (uid, 0o600)
    assert (data / "kiosk.sqlite3").stat().st_uid == uid
    assert account(root, "kiosk") == user  # same uid: the files stay readable


def test_remove_keeps_data_and_purge_deletes_it(tmp_path: Path,
                                                debs: tuple[Path, Path]) -> None:
    root = make_root(tmp_path / "root")
    assert dpkg(root, "-i", str(debs[0])).returncode == 0
    (root / "var/lib/kiosk/kiosk.sqlite3").write_bytes(b"data that must survive")

    assert dpkg(root, "--remove", "village-kiosk").returncode == 0
    assert not (root / "opt/village-kiosk/kiosk").exists()
    assert not (root / "etc/systemd/system/multi-user.target.wants/village-kiosk.service"
                ).exists()
    assert (root / "var/lib/kiosk/kiosk.sqlite3").read_bytes() == b"data that must survive"
    assert account(root, "kiosk") is not None

    assert dpkg(root, "--purge", "village-kiosk").returncode == 0
    assert not (root / "var/lib/kiosk").exists()
    assert not (root / "etc/village-kiosk").exists()
    assert account(root, "kiosk") is None
    assert account(root, "kiosk", "group") is None
