"""Finding 1: a scan named in an answers file is never read outside the answers file's folder.

Each attack of the security review is replayed through `kiosk applications submit` in the
scratch data folder: it is refused in words, exit 1, and nothing is stored (no application, no
outbox row, no blob). Files outside are FIFOs or canaries: reading one would hang the test or
put its bytes in the database, where the test looks for them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from forms import example_document, load_definition
from kiosk.paths import resource
from kiosk.services.answer_files import FileRule, read_answer_file, sniff_media_type
from kiosk.services.document_camera import png_page
from kiosk.services.sample_scans import sample_bytes
from tests.security.conftest import run, stored_rows

FORM = "funeral-subsidy"  # relation_proof takes image/jpeg and image/png, at most 4 MB
CANARY = b"root:$y$j9T$CANARY-SHADOW-LINE:19000:0:99999:7:::\n"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """(the answers folder with good scans, a folder outside it with a canary and a FIFO)."""
    inside, outside = tmp_path / "answers", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    (inside / "good.png").write_bytes(png_page(80, 100, 1))
    (outside / "shadow").write_bytes(CANARY)
    (outside / "statement.pdf").write_bytes(sample_bytes("application/pdf", 3) + CANARY)
    os.mkfifo(outside / "fifo")
    return inside, outside


def answers_with(inside: Path, attack: Any) -> Path:
    """The example answers, every scan `good.png`, `relation_proof` replaced by `attack`."""
    definition = load_definition(resource("forms", f"{FORM}.json"))
    document = example_document(definition)
    for _page, field in definition.all_fields():
        value = document["answers"].get(field.id)
        if field.type == "attachment" and value:
            document["answers"][field.id] = [{"file": "good.png"}]
        elif field.type == "signature" and value:
            document["answers"][field.id] = {"file": "good.png"}
    document["answers"]["relation_proof"] = [{"file": attack}]
    path = inside / "answers.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def assert_refused(capsys: pytest.CaptureFixture[str], data_dir: Path, answers: Path,
                   *words: str) -> None:
    tables = ("applications", "sync_outbox", "draft_blobs")
    before = {table: stored_rows(data_dir, table) for table in tables}
    code, _out, err = run(capsys, "applications", "submit", "--form", FORM,
                          "--answers", str(answers))
    assert code == 1, err
    for word in words:
        assert word in err
    assert "Traceback" not in err
    assert {table: stored_rows(data_dir, table) for table in tables} == before
    assert before["applications"] == 0
    database = (data_dir / "kiosk.sqlite3").read_bytes()
    assert b"CANARY-SHADOW" not in database


pytestmark = pytest.mark.usefixtures("demo")


def test_the_good_answers_file_is_accepted(capsys: pytest.CaptureFixture[str],
                                           folders: tuple[Path, Path], data_dir: Path) -> None:
    inside, _outside = folders
    code, result, err = run(capsys, "applications", "submit", "--form", FORM, "--answers",
                            str(answers_with(inside, "good.png")), "--json")
    assert code == 0, err
    assert result["ok"] is True
    assert stored_rows(data_dir, "applications") == 1


def test_a_symlink_to_a_system_file_is_refused(capsys: pytest.CaptureFixture[str],
                                               folders: tuple[Path, Path], data_dir: Path) -> None:
    inside, outside = folders
    (inside / "scan.jpg").symlink_to(outside / "shadow")
    assert_refused(capsys, data_dir, answers_with(inside, "scan.jpg"), "symlink", "scan.jpg")
    (inside / "etc.jpg").symlink_to("/etc/shadow" if Path("/etc/shadow").exists()
                                    else "/etc/passwd")
    assert_refused(capsys, data_dir, answers_with(inside, "etc.jpg"), "symlink")


def test_a_link_to_a_pipe_is_refused_without_opening_it(
        capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], data_dir: Path) -> None:
    inside, outside = folders
    (inside / "pipe.png").symlink_to(outside / "fifo")  # opening it would block forever
    assert_refused(capsys, data_dir, answers_with(inside, "pipe.png"), "symlink")
    os.mkfifo(inside / "here.png")
    assert_refused(capsys, data_dir, answers_with(inside, "here.png"), "not a regular file")


def test_another_villagers_statement_by_dotdot_or_absolute_path_is_refused(
        capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], data_dir: Path) -> None:
    inside, outside = folders
    assert_refused(capsys, data_dir, answers_with(inside, "../outside/statement.pdf"),
                   "outside the answers file's folder")
    assert_refused(capsys, data_dir, answers_with(inside, str(outside / "statement.pdf")),
                   "outside the answers file's folder")
    (inside / "printed").symlink_to(outside, target_is_directory=True)
    assert_refused(capsys, data_dir, answers_with(inside, "printed/statement.pdf"),
                   "leads outside")


def test_dev_zero_is_refused_before_a_byte_is_read(
        capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], data_dir: Path) -> None:
    inside, _outside = folders
    (inside / "zero.jpg").symlink_to("/dev/zero")
    assert_refused(capsys, data_dir, answers_with(inside, "zero.jpg"), "symlink")
    assert_refused(capsys, data_dir, answers_with(inside, "/dev/zero"), "outside")


def test_a_file_over_the_fields_limit_is_refused_by_its_size(
        capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], data_dir: Path) -> None:
    inside, _outside = folders
    big = inside / "big.png"
    with big.open("wb") as handle:  # sparse: 5 MB by stat, a few bytes on disk
        handle.write(png_page(10, 10, 1))
        handle.truncate(5 * 1024 * 1024)
    assert_refused(capsys, data_dir, answers_with(inside, "big.png"), "4096 KB", "big.png")


def test_the_type_comes_from_the_content_and_must_be_accepted(
        capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], data_dir: Path) -> None:
    inside, _outside = folders
    (inside / "letter.jpg").write_text("not an image at all", encoding="utf-8")
    assert_refused(capsys, data_dir, answers_with(inside, "letter.jpg"), "unknown content")
    (inside / "form.png").write_bytes(sample_bytes("application/pdf", 1))  # a PDF named .png
    assert_refused(capsys, data_dir, answers_with(inside, "form.png"), "application/pdf",
                   "image/jpeg, image/png")


def test_sniffing_knows_each_accepted_type() -> None:
    assert sniff_media_type(sample_bytes("image/jpeg", 1)) == "image/jpeg"
    assert sniff_media_type(sample_bytes("image/png", 1)) == "image/png"
    assert sniff_media_type(sample_bytes("application/pdf", 1)) == "application/pdf"
    assert sniff_media_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_media_type(b"GIF89a") is None


def test_a_file_swapped_for_a_link_after_the_check_is_not_followed(tmp_path: Path,
                                                                   monkeypatch: Any) -> None:
    """lstat saw a regular file; by the time of open it is a link: O_NOFOLLOW refuses it."""
    (tmp_path / "scan.png").write_bytes(png_page(20, 20, 1))
    (tmp_path / "secret").write_bytes(CANARY)
    real_lstat = os.lstat

    def lstat_then_swap(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        result = real_lstat(path, *args, **kwargs)
        if str(path).endswith("scan.png"):
            os.unlink(path)
            os.symlink(tmp_path / "secret", path)
        return result

    monkeypatch.setattr(os, "lstat", lstat_then_swap)
    from kiosk.services.answer_files import AnswerFileRefused

    with pytest.raises(AnswerFileRefused, match="cannot read"):
        read_answer_file(tmp_path, "scan.png", FileRule(("image/png",), 1024 * 1024))


def test_the_answers_file_itself_must_be_a_small_regular_file(
        capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], data_dir: Path) -> None:
    _inside, outside = folders
    for named, words in (("/dev/zero", "not a regular file"),
                         (str(outside / "fifo"), "not a regular file")):
        code, _out, err = run(capsys, "applications", "submit", "--form", FORM,
                              "--answers", named)
        assert code == 1, err
        assert words in err
    huge = outside / "huge.json"
    huge.write_text(" " * (3 * 1024 * 1024) + "{}", encoding="utf-8")
    code, _out, err = run(capsys, "applications", "submit", "--form", FORM, "--answers",
                          str(huge))
    assert code == 1
    assert "is not an answers file" in err
    deep = outside / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _out, err = run(capsys, "applications", "submit", "--form", FORM, "--answers",
                          str(deep))
    assert code != 0
    assert "nested too deeply" in err
    assert "Traceback" not in err
    assert stored_rows(data_dir, "applications") == 0
