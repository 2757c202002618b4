"""The repository stands on its own: the wire contract is copied into docs/contract/ and kept
identical to the project's shared copy when that sits beside the checkout, and no tracked file
sends a reader or a test to a path outside the repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COPY = REPO / "docs" / "contract" / "province-api.md"
# The coordinator's copy, beside the checkout on developers' machines and in CI; a plain clone
# has none. Spelt as a computed path so the scan below does not find it.
SHARED = REPO.parent / "shared" / "contracts" / "province-api.md"
# The shared folder named relatively in text or joined in code, and absolute paths of this
# machine (this file, which must name them, is left out of its own scan).
OUTSIDE = re.compile(r"\.\./shared\b|\"\.\.\"\s*/\s*\"shared\"|/work/(?:shared|main|wt)\b")


def _sections(text: str) -> list[int]:
    return [int(number) for number in re.findall(r"^## (\d+)\. \S", text, flags=re.MULTILINE)]


def test_contract_copy_is_well_formed() -> None:
    text = COPY.read_text(encoding="utf-8")
    assert text.startswith("# Province service API, version 1\n")
    assert text.endswith("\n")
    numbers = _sections(text)
    assert numbers == list(range(1, len(numbers) + 1)), numbers
    assert len(numbers) >= 8, "sections 1-8 (signing ... enrollment) are what the client needs"
    assert text.count("```") % 2 == 0, "an unclosed code block"
    for heading in ("Authentication", "Push: applications", "Pull: datasets", "Enrollment"):
        assert re.search(rf"^## \d+\. {re.escape(heading)}", text, flags=re.MULTILINE), heading


def test_contract_copy_matches_the_shared_contract() -> None:
    """Where the shared contract exists it is the source: the copy must be byte for byte the
    same (re-copy it when it changes). Without it the well-formedness test is what holds."""
    if not SHARED.exists():
        assert COPY.is_file()
        return
    assert COPY.read_bytes() == SHARED.read_bytes(), (
        f"docs/contract/province-api.md differs from {SHARED}: copy it over")


def test_docs_point_at_the_copy() -> None:
    for doc in ("README.md", "docs/sync.md"):
        assert "contract/province-api.md" in (REPO / doc).read_text(encoding="utf-8"), doc


def tracked_files() -> list[Path]:
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                                check=False)
    except FileNotFoundError:  # no git on this machine
        listed = subprocess.CompletedProcess([], 1, b"", b"")
    if listed.returncode != 0:  # an sdist or a copy without git: walk the folder instead
        return [p for p in REPO.rglob("*") if p.is_file() and ".venv" not in p.parts
                and ".git" not in p.parts]
    return [REPO / name for name in listed.stdout.decode().split("\0") if name]


def test_no_tracked_file_names_a_path_outside_the_repository() -> None:
    offenders = []
    for path in tracked_files():
        if path == Path(__file__).resolve():
            continue
        if path.suffix not in (".py", ".md", ".sh", ".toml", ".txt", ".json", ".spec", ".in",
                               ".service", ".cfg", ".ini", ".yml", ".yaml") \
                and path.name not in ("run", "postinst", "postrm", "prerm", "kiosk-session"):
            continue
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []
