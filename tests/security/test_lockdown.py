"""Finding 7: Ctrl+Alt+F2 on a USB keyboard reaches no login prompt.

The package is installed by dpkg into a scratch root (tests/installer/scratch_root.py): the
gettys of tty2-6 are masked (links to /dev/null, which `systemctl --root` reports as masked),
logind is told to start none, X reads DontVTSwitch, and the installed session script starts X
with -novtswitch (run with a stand-in `xinit` that prints what it was given). Removing the
package gives the consoles back.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.installer.scratch_root import build_deb, dpkg, make_root

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="dpkg --root and useradd need root")
CONSOLES = ("tty2", "tty3", "tty4", "tty5", "tty6")


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    bundle = tmp_path_factory.mktemp("bundle") / "kiosk"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "kiosk").write_text("#!/bin/sh\necho stand-in kiosk \"$@\"\n")
    (bundle / "kiosk").chmod(0o755)
    return build_deb(bundle, tmp_path_factory.mktemp("debs"), "0.1.0")


def test_the_gettys_of_tty2_to_6_are_masked_and_come_back_on_remove(
        tmp_path: Path, deb: Path) -> None:
    root = make_root(tmp_path / "root")
    result = dpkg(root, "-i", str(deb))
    assert result.returncode == 0, result.stderr
    units = root / "etc/systemd/system"
    for tty in CONSOLES:
        for unit in (f"getty@{tty}.service", f"autovt@{tty}.service"):
            assert os.readlink(units / unit) == "/dev/null", unit
    assert not (units / "getty@tty1.service").exists()  # tty1 is the kiosk's own
    if shutil.which("systemctl") and (root / "lib/systemd/system/getty@.service").exists():
        state = subprocess.run(["systemctl", f"--root={root}", "is-enabled",
                                "getty@tty2.service"], capture_output=True, text=True)
        assert state.stdout.strip() == "masked", state.stdout + state.stderr
    logind = (root / "usr/lib/systemd/logind.conf.d/village-kiosk.conf").read_text()
    assert "NAutoVTs=0" in logind.splitlines()
    assert "ReserveVT=0" in logind.splitlines()
    xorg = (root / "usr/share/X11/xorg.conf.d/90-village-kiosk.conf").read_text()
    assert 'Option "DontVTSwitch" "true"' in xorg
    assert 'Option "DontZap" "true"' in xorg

    result = dpkg(root, "--remove", "village-kiosk")
    assert result.returncode == 0, result.stderr
    for tty in CONSOLES:
        assert not (units / f"getty@{tty}.service").is_symlink(), tty


def test_an_admins_own_getty_unit_is_left_alone(tmp_path: Path, deb: Path) -> None:
    root = make_root(tmp_path / "root")
    own = root / "etc/systemd/system/getty@tty3.service"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("[Service]\nExecStart=/sbin/agetty tty3\n")
    assert dpkg(root, "-i", str(deb)).returncode == 0
    assert own.read_text().startswith("[Service]")
    assert os.readlink(root / "etc/systemd/system/getty@tty2.service") == "/dev/null"


def test_the_installed_session_starts_x_without_vt_switching(tmp_path: Path,
                                                              deb: Path) -> None:
    root = make_root(tmp_path / "root")
    assert dpkg(root, "-i", str(deb)).returncode == 0
    session = root / "usr/lib/village-kiosk/kiosk-session"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "xinit").write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    (fake / "xinit").chmod(0o755)
    env = {"PATH": f"{fake}:/usr/bin:/bin", "KIOSK_DATA_DIR": str(tmp_path / "data"),
           "XDG_RUNTIME_DIR": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run(["sh", str(session)], env=env, capture_output=True, text=True,
                            check=True)
    args = result.stdout.split()
    server = args[args.index("--") + 1:]
    assert server[:3] == ["/usr/bin/X", ":0", "vt1"]
    assert "-novtswitch" in server
    assert "-nolisten" in server
    assert "-novtswitch" in args  # also when KIOSK_X_ARGS replaces the optional ones
    env["KIOSK_X_ARGS"] = "-retro"
    again = subprocess.run(["sh", str(session)], env=env, capture_output=True, text=True,
                           check=True).stdout.split()
    assert "-novtswitch" in again
    assert "-retro" in again
