"""docs/security.md names tests that exist, and the flags of this work are documented."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "security.md").read_text(encoding="utf-8")


def test_every_test_the_table_names_exists() -> None:
    named = 0
    for row in (line for line in DOC.splitlines() if line.startswith("| ")):
        current: Path | None = None
        for file_name, test_name in re.findall(r"`(?:(tests/\S+?\.py|test_\w+\.py))?"
                                               r"(?:::(\w+))?`", row):
            if file_name:
                current = REPO / file_name if file_name.startswith("tests/") \
                    else REPO / "tests" / "security" / file_name
                assert current.is_file(), file_name
                named += 1
            if test_name:
                assert current is not None, row
                assert f"def {test_name}(" in current.read_text(encoding="utf-8"), test_name
                named += 1
    assert named >= 25


def test_each_finding_of_this_work_has_its_section_and_sec_trust_has_its_heading() -> None:
    for number in (1, 2, 3, 4, 7, 8, 9):
        assert re.search(rf"^### {number}\. ", DOC, re.MULTILINE), number
    assert "## Transport, keys and staff sign-in" in DOC


def test_the_new_flags_are_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    forms = (REPO / "docs" / "forms.md").read_text(encoding="utf-8")
    assert "--rebuild" in readme
    assert "[--printer cups\\|escpos]" in readme
    assert "`file` is the demo's" in readme
    assert "--files DIR" in forms
    assert "security.md" in readme
