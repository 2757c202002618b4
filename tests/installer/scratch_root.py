"""A scratch root that `dpkg --root` can install into: a dpkg database, the base accounts and
the systemd units the kiosk's unit refers to. Maintainer scripts run outside a chroot with
DPKG_ROOT set (`--force-script-chrootless`), which is what ours are written for."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The accounts of a fresh Debian base system (base-passwd's fixed ids), written out here rather
# than copied from the machine running the tests, whose /etc/group may lack `input` or `render`
# or have extra ones: the package must behave the same on any host.
BASE_PASSWD = (
    "root:x:0:0:root:/root:/bin/bash",
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
    "bin:x:2:2:bin:/bin:/usr/sbin/nologin",
    "sys:x:3:3:sys:/dev:/usr/sbin/nologin",
    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
)
BASE_GROUPS = {"root": 0, "daemon": 1, "bin": 2, "sys": 3, "tty": 5, "video": 44, "audio": 29,
               "users": 100, "input": 101, "render": 102, "nogroup": 65534}
# useradd/groupadd --prefix read the root's own login.defs: the system id range they pick from.
LOGIN_DEFS = "SYS_UID_MIN 100\nSYS_UID_MAX 999\nSYS_GID_MIN 100\nSYS_GID_MAX 999\n" \
    "UID_MIN 1000\nUID_MAX 60000\nGID_MIN 1000\nGID_MAX 60000\nUSERGROUPS_ENAB yes\n"


def make_root(root: Path, *, lacking: tuple[str, ...] = ()) -> Path:
    """A scratch root with the base accounts, less the groups named in `lacking`."""
    for folder in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "etc",
                   "lib/systemd/system"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for name in ("status", "available"):
        (root / "var/lib/dpkg" / name).touch()
    group = [f"{name}:x:{gid}:" for name, gid in BASE_GROUPS.items() if name not in lacking]
    (root / "etc/passwd").write_text("\n".join(BASE_PASSWD) + "\n")
    (root / "etc/group").write_text("\n".join(group) + "\n")
    (root / "etc/shadow").write_text(
        "".join(f"{line.split(':')[0]}:*:19000:0:99999:7:::\n" for line in BASE_PASSWD))
    (root / "etc/gshadow").write_text("".join(f"{line.split(':')[0]}:*::\n" for line in group))
    (root / "etc/shadow").chmod(0o640)
    (root / "etc/login.defs").write_text(LOGIN_DEFS)
    for unit in Path("/lib/systemd/system").glob("*"):  # targets for `systemd-analyze verify`
        if unit.suffix in (".target", ".socket", ".service") and unit.is_file():
            shutil.copy(unit, root / "lib/systemd/system" / unit.name)
    return root


def dpkg(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["dpkg", f"--root={root}", "--force-script-chrootless", "--force-depends",
         "--log=/dev/null", *args], capture_output=True, text=True, check=False)


def build_deb(bundle: Path, out: Path, version: str) -> Path:
    subprocess.run([sys.executable, str(REPO / "installer" / "build.py"), "deb",
                    "--bundle", str(bundle), "--dist", str(out), "--work", str(out / "work"),
                    "--version", version], check=True, capture_output=True, text=True)
    return next(out.glob(f"village-kiosk_{version}_*.deb"))


def account(root: Path, name: str, table: str = "passwd") -> list[str] | None:
    for line in (root / "etc" / table).read_text().splitlines():
        fields = line.split(":")
        if fields[0] == name:
            return fields
    return None
