"""A scratch root that `dpkg --root` can install into: a dpkg database, the base accounts and
the systemd units the kiosk's unit refers to. Maintainer scripts run outside a chroot with
DPKG_ROOT set (`--force-script-chrootless`), which is what ours are written for."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BASE_USERS = ("root", "daemon", "bin", "sys", "nobody")
BASE_GROUPS = ("root", "daemon", "bin", "sys", "tty", "video", "input", "audio", "render",
               "nogroup", "users")


def make_root(root: Path) -> Path:
    for folder in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "etc",
                   "lib/systemd/system"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for name in ("status", "available"):
        (root / "var/lib/dpkg" / name).touch()
    passwd = [line for line in Path("/etc/passwd").read_text().splitlines()
              if line.split(":")[0] in BASE_USERS]
    group = [line for line in Path("/etc/group").read_text().splitlines()
             if line.split(":")[0] in BASE_GROUPS]
    (root / "etc/passwd").write_text("\n".join(passwd) + "\n")
    (root / "etc/group").write_text("\n".join(group) + "\n")
    (root / "etc/shadow").write_text(
        "".join(f"{line.split(':')[0]}:*:19000:0:99999:7:::\n" for line in passwd))
    (root / "etc/gshadow").write_text("".join(f"{line.split(':')[0]}:*::\n" for line in group))
    (root / "etc/shadow").chmod(0o640)
    if Path("/etc/login.defs").exists():
        shutil.copy("/etc/login.defs", root / "etc/login.defs")
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
