"""Compile the `.ts` translation sources in resources/translations into `.qm` files.

Run by scripts/setup.sh (the build) and by the wheel's build hook; `--update` first refreshes
the `.ts` files from the strings in kiosk/ui with lupdate, keeping every existing translation.
Uses the lrelease and lupdate tools that ship inside PySide6; does not import Qt itself.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from pathlib import Path

from kiosk.paths import resource


def _tool(name: str) -> Path:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise SystemExit("PySide6 is not installed")
    package = Path(spec.origin).parent
    for candidate in (package / name, package / "Qt" / "libexec" / name, package / f"{name}.exe"):
        if candidate.exists():
            return candidate
    raise SystemExit(f"{name} not found in {package}")


def ui_sources() -> list[Path]:
    return sorted((Path(__file__).parent / "ui").rglob("*.py"))


def update() -> None:
    for ts in sorted(resource("translations").glob("*.ts")):
        subprocess.run([str(_tool("lupdate")), *map(str, ui_sources()), "-ts", str(ts),
                        "-no-obsolete", "-locations", "none", "-silent"], check=True)


def compile_translation(ts: Path, qm: Path) -> None:
    """One `.ts` into its `.qm`; also the wheel's build hook (installer/build_hooks.py)."""
    subprocess.run([str(_tool("lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True)
    if not qm.is_file() or qm.stat().st_size == 0:
        raise SystemExit(f"lrelease wrote no {qm}")


def build() -> list[Path]:
    built = []
    for ts in sorted(resource("translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        compile_translation(ts, qm)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="refresh .ts from kiosk/ui first")
    args = parser.parse_args(argv)
    if args.update:
        update()
    for qm in build():
        print(f"built {qm}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
