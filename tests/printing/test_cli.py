"""`kiosk print ...` from the command line, with the file back end (no printer needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.printing.conftest import pdf_page_size_pt, pdf_text


@pytest.fixture
def kiosk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.delenv("KIOSK__PRINTER__BACKEND", raising=False)
    return ["--data-dir", str(tmp_path / "data"), "--config", str(tmp_path / "none.toml")]


def test_test_page_save_pdf(kiosk: list[str], tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "test.pdf"
    assert main([*kiosk, "print", "test", "--save-pdf", str(target), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["saved"] == str(target)
    assert result["media"].startswith("Custom.80x")
    assert "打印测试页" in pdf_text(target)
    a4 = tmp_path / "a4.pdf"
    assert main([*kiosk, "print", "test", "--paper", "a4", "--save-pdf", str(a4)]) == 0
    assert pdf_page_size_pt(a4) == pytest.approx((595.3, 841.9), abs=0.5)


def test_receipt_queue_retry_cancel(kiosk: list[str], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "r.json"
    data.write_text(json.dumps({"village": "示范村", "service": "低保申请",
                                "applicant_name": "王大明",
                                "submitted_at": "2026-11-30T11:00:00+08:00"}), encoding="utf-8")
    assert main([*kiosk, "print", "receipt", "R-1", "--data", str(data), "--json"]) == 0
    job = json.loads(capsys.readouterr().out)
    assert job["state"] == "done"
    assert job["reference"] == "R-1"
    # Printed: the job's personal content is deleted (issue 18), so neither a reprint by code
    # (no application has that code here) nor a retry can print it from the queue again.
    stored = json.loads(capsys.readouterr().out or "null")
    assert stored is None
    assert main([*kiosk, "print", "queue", "--json"]) == 0
    jobs = json.loads(capsys.readouterr().out)
    assert [j["state"] for j in jobs] == ["done"]
    assert jobs[0]["purged_at"]
    assert len(list((tmp_path / "data" / "printed").glob("*.pdf"))) == 1
    assert main([*kiosk, "print", "receipt", "R-1", "--json"]) == 2
    assert "找不到回执号 R-1" in capsys.readouterr().err
    assert main([*kiosk, "print", "retry", str(job["id"]), "--json"]) == 2
    assert "deleted" in capsys.readouterr().err
    assert main([*kiosk, "print", "cancel", str(job["id"])]) == 2
    assert "already done" in capsys.readouterr().err


def test_unknown_receipt_is_a_clear_error(kiosk: list[str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*kiosk, "print", "receipt", "NOPE"]) == 2
    err = capsys.readouterr().err
    assert "找不到回执号 NOPE" in err
    assert "Traceback" not in err


def test_doctor_reports_the_printer(kiosk: list[str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from kiosk.context import Context
    from kiosk.services.doctor import check_printer

    ctx = Context.from_args(argparse.Namespace(data_dir=kiosk[1], config=kiosk[3]))
    try:
        results = {r.name: r for r in check_printer(ctx)}
    finally:
        ctx.close()
    assert results["printer.font"].status == "ok"
    assert results["printer.roll"].status == "ok"
    assert results["printer.queue"].detail == "empty"


def test_a_queued_job_is_taken_by_retry_and_resume(kiosk: list[str], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    printed = tmp_path / "data" / "printed"
    printed.parent.mkdir(parents=True, exist_ok=True)
    printed.write_text("unplugged")  # the folder printer cannot take a job
    assert main([*kiosk, "print", "test", "--json", "--wait", "0"]) == 1
    job = json.loads(capsys.readouterr().out)
    assert job["state"] == "queued"
    assert "kiosk print resume" in job["message"]  # no kiosk runs here: says who acts
    assert main([*kiosk, "print", "resume", "--wait", "0", "--json"]) == 1
    assert [j["id"] for j in json.loads(capsys.readouterr().out)["waiting"]] == [job["id"]]
    printed.unlink()
    assert main([*kiosk, "print", "retry", str(job["id"]), "--json"]) == 0  # not "already queued"
    assert json.loads(capsys.readouterr().out)["state"] == "done"
    assert main([*kiosk, "print", "resume", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["printed"] == []
    assert len(list(printed.glob("*.pdf"))) == 1
