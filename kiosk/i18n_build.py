"""Compile the `.ts` translation sources in resources/translations into `.qm` files.

Run by scripts/setup.sh (the build); `--update` first refreshes the `.ts` files from the
strings in kiosk/ui with lupdate, keeping every existing translation. Uses the lrelease and
lupdate tools that ship inside PySide6; does not import Qt itself.
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


def build() -> list[Path]:
    built = []
    for ts in sorted(resource("translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([str(_tool("lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True)
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
