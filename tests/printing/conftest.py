"""Fixtures for the printing tests: a fresh database and queue per test, and helpers to read
PDFs back with poppler (the same tools an admin would use)."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.services.print_service import PrintService
from kiosk.storage.database import Database, open_database
from printing.backends.folder import FolderBackend

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cups() -> None:
    """cupsd with the kiosk-pdf queue (scripts/services.sh starts it when it is not there)."""
    if subprocess.run(["lpstat", "-p", "kiosk-pdf"], capture_output=True).returncode != 0:
        subprocess.run([str(ROOT / "scripts" / "services.sh")], check=True, capture_output=True)
    assert subprocess.run(["lpstat", "-p", "kiosk-pdf"], capture_output=True).returncode == 0, \
        "cupsd with the kiosk-pdf queue is needed: run scripts/services.sh"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "kiosk.sqlite3")
    yield database
    database.close()


@pytest.fixture
def folder(tmp_path: Path) -> FolderBackend:
    return FolderBackend(tmp_path / "printed")


@pytest.fixture
def service(db: Database, folder: FolderBackend, tmp_path: Path) -> PrintService:
    return PrintService(db, {"roll": folder, "a4": folder}, tmp_path / "print-queue.lock")


def _poppler(tool: list[str], pdf: bytes | Path) -> str:
    """Run a poppler tool on a file, or on bytes written to a temporary file."""
    if isinstance(pdf, Path):
        return subprocess.run([*tool, str(pdf)], capture_output=True, check=True).stdout.decode()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run([*tool, str(path)], capture_output=True, check=True).stdout.decode()


def pdf_text(pdf: bytes | Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    if isinstance(pdf, Path):
        return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"],
                              capture_output=True, check=True).stdout.decode()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"],
                              capture_output=True, check=True).stdout.decode()


def pdf_fonts(pdf: bytes | Path) -> list[tuple[str, str]]:
    """(font name, emb column) for every font pdffonts lists."""
    rows = _poppler(["pdffonts"], pdf).splitlines()[2:]
    # columns from the right: object-id gen uni sub emb
    return [(row.split()[0], row.split()[-5]) for row in rows]


def pdf_info(pdf: bytes | Path) -> dict[str, str]:
    out = _poppler(["pdfinfo"], pdf)
    return {k.strip(): v.strip() for k, _, v in (ln.partition(":") for ln in out.splitlines())}


def pdf_page_size_pt(pdf: bytes | Path) -> tuple[float, float]:
    parts = pdf_info(pdf)["Page size"].split()
    return float(parts[0]), float(parts[2])


def pdf_pages(pdf: bytes | Path) -> int:
    return int(pdf_info(pdf)["Pages"])
