"""Build the frozen kiosk and its Debian package: `python installer/build.py [bundle|deb|all]`.

`bundle` compiles the translations and runs PyInstaller on installer/kiosk.spec into
`dist/kiosk/` (works on Linux and Windows); `deb` wraps that folder into
`dist/village-kiosk_<version>_<arch>.deb` with the systemd unit, the session script and the
maintainer scripts of installer/linux/. Both print where the result is. Run with the project's
virtualenv (`.venv/bin/python installer/build.py all`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "installer" / "linux"
DIST = ROOT / "dist"
WORK = ROOT / "build"
PACKAGE = "village-kiosk"


def project_version() -> str:
    sys.path.insert(0, str(ROOT))
    from kiosk import __version__

    return __version__


def build_bundle(dist: Path = DIST, work: Path = WORK) -> Path:
    """PyInstaller onedir build; returns the bundle folder (`dist/kiosk`)."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "kiosk.i18n_build"], cwd=ROOT, check=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work / "pyinstaller"),
                    str(ROOT / "installer" / "kiosk.spec")], cwd=ROOT, check=True)
    bundle = dist / "kiosk"
    if sys.platform.startswith("linux"):
        sys.path.insert(0, str(ROOT / "installer"))
        from slim import slim_bundle

        slim_bundle(bundle)
    print(f"bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB, "
          f"{time.monotonic() - started:.0f} s)")
    return bundle


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def debian_arch() -> str:
    try:
        out = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                             check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "amd64"


def build_deb(bundle: Path, dist: Path = DIST, work: Path = WORK,
              version: str | None = None) -> Path:
    """Stage the package tree and run `dpkg-deb --build`; returns the .deb path."""
    version = version or project_version()
    arch = debian_arch()
    stage = work / "deb" / f"{PACKAGE}_{version}"
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / "opt" / PACKAGE
    shutil.copytree(bundle, opt, symlinks=True)
    _install(LINUX / "kiosk-cli", stage / "usr" / "bin" / "kiosk", 0o755)
    _install(LINUX / "kiosk-session", stage / "usr" / "lib" / PACKAGE / "kiosk-session", 0o755)
    _install(LINUX / "village-kiosk.service",
             stage / "lib" / "systemd" / "system" / "village-kiosk.service", 0o644)
    # lockdown below Qt: no VT switching in X, no new gettys from logind (docs/security.md)
    _install(LINUX / "90-village-kiosk.conf",
             stage / "usr" / "share" / "X11" / "xorg.conf.d" / "90-village-kiosk.conf", 0o644)
    _install(LINUX / "logind-village-kiosk.conf",
             stage / "usr" / "lib" / "systemd" / "logind.conf.d" / "village-kiosk.conf", 0o644)
    control = stage / "DEBIAN"
    control.mkdir(parents=True)
    size_kb = folder_size(stage) // 1024 + 1
    text = (LINUX / "debian" / "control.in").read_text(encoding="utf-8")
    text = (text.replace("@VERSION@", version).replace("@ARCH@", arch)
            .replace("@SIZE_KB@", str(size_kb)))
    text = add_depends(text, system_packages(bundle))
    (control / "control").write_text(text, encoding="utf-8")
    for script in ("postinst", "prerm", "postrm"):
        _install(LINUX / "debian" / script, control / script, 0o755)
    for path in [stage, *stage.rglob("*")]:  # dpkg-deb refuses group-writable control files
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    dist.mkdir(parents=True, exist_ok=True)
    deb = dist / f"{PACKAGE}_{version}_{arch}.deb"
    # zstd at a low level: a 230 MB tree packs in seconds instead of minutes with xz.
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zzstd", "-z3", "--build", str(stage),
                    str(deb)], check=True, stdout=subprocess.DEVNULL)
    print(f"package: {deb} ({deb.stat().st_size / 1e6:.0f} MB)")
    return deb


def system_packages(bundle: Path) -> list[str]:
    """The Debian packages of the system libraries the bundle links to but does not carry
    (the spec lists them in _internal/system-libraries.txt)."""
    listed = bundle / "_internal" / "system-libraries.txt"
    if not listed.is_file():
        return []
    packages: set[str] = set()
    for path in listed.read_text(encoding="utf-8").split():
        candidates = [path, path.replace("/usr/lib/", "/lib/", 1),
                      path.replace("/lib/", "/usr/lib/", 1)]
        for candidate in candidates:
            found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True,
                                   check=False)
            if found.returncode == 0:
                packages.add(found.stdout.split(":", 1)[0].strip())
                break
        else:
            raise SystemExit(f"deb: no Debian package owns {path}, which the bundle needs")
    return sorted(packages)


def add_depends(control: str, packages: list[str]) -> str:
    lines = control.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.startswith("Depends:"):
            have = {item.strip().split()[0] for item in line[8:].split(",")}
            extra = [p for p in packages if p not in have]
            if extra:
                lines[number] = line.rstrip("\n") + "".join(f", {p}" for p in extra) + "\n"
    return "".join(lines)


def _install(source: Path, target: Path, mode: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="all", choices=["bundle", "deb", "all"])
    parser.add_argument("--dist", type=Path, default=DIST, help="output folder (default dist/)")
    parser.add_argument("--work", type=Path, default=WORK, help="scratch folder (default build/)")
    parser.add_argument("--version", help="package version (default: kiosk.__version__)")
    parser.add_argument("--bundle", type=Path,
                        help="with deb: package this bundle folder (default: DIST/kiosk)")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    bundle = args.bundle or args.dist / "kiosk"
    if args.what in ("bundle", "all"):
        bundle = build_bundle(args.dist, args.work)
    if args.what in ("deb", "all"):
        if not (bundle / "kiosk").exists():
            parser.error(f"no bundle in {bundle}: run `build.py bundle` first")
        build_deb(bundle, args.dist, args.work, args.version)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
