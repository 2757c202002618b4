"""A printed receipt loses its personal content in the queue, yet prints again by its code:
the registry's one print queue rebuilds it from the stored application."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.demo.village import Scale
from kiosk.services import receipt_codes
from kiosk.storage import print_jobs as store
from tests.applications.helpers import filled_session
from tests.support.village import Village, demo_village


@pytest.fixture
def village(tmp_path: Path) -> Iterator[Village]:
    yield from demo_village(tmp_path / "data", Scale(residents=30, subsidy_months=6,
                                                     disclosure_quarters=1))


def test_a_printed_receipt_prints_again_from_its_application(village: Village) -> None:
    apps = village.services.applications
    draft = apps.start_draft("svc-elderly-allowance")
    submission = apps.submit_draft(draft.application_id, filled_session(apps, draft).to_json())
    assert apps.print_receipts() == ""  # printed (file back end), nothing to wait for
    first = store.list_jobs(village.db)[0]
    assert first.state == "done"
    assert first.purged  # the queue no longer holds the name or what to bring

    queue = village.services.printing.service()
    again = queue.reprint_receipt(receipt_codes.display(submission.receipt_code))
    job = queue.job(again.job_id)
    assert job.data is not None
    assert job.data["service"] == submission.service_name
    assert job.data["receipt_code"] == receipt_codes.display(submission.receipt_code)
    assert queue.process_queue().printed == [again.job_id]


def test_purge_print_data_is_the_retention_entry_point(village: Village) -> None:
    from kiosk.services.print_service import purge_print_data

    queue = village.services.printing.service()
    from printing import samples

    job = queue.enqueue_receipt(samples.receipt("R-OLD")).job_id
    queue.process_queue()
    store.purge_content(village.db, [])  # nothing asked: nothing done
    assert list(village.paths.printed_pdfs.glob("*.pdf"))
    assert purge_print_data(village.db, village.services.settings, village.paths) == []
    assert queue.job(job).purged  # already purged when it printed
    assert not list(village.paths.printed_pdfs.glob("*.pdf"))  # keep_printed_s=0: gone
