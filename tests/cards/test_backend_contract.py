"""One contract, two readers: the fake backend must behave as pcscd with a vpcd card does."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from kiosk.devices.cards import read_card
from kiosk.devices.errors import CardRemovedError
from tests.cards.conftest import LOOKUP_KEY
from tests.support.cards import make
from tests.support.rigs import FakeRig, Rig, VpcdRig


def _present_within(rig: Rig, want: bool, timeout: float = 3.0) -> dict[str, bool]:
    deadline = time.monotonic() + timeout
    snapshot = rig.backend.wait_for_change(None, 0)
    while snapshot.get(rig.reader) is not want:
        assert time.monotonic() < deadline, f"{rig.reader} never became present={want}"
        snapshot = rig.backend.wait_for_change(snapshot, 0.5)
    return snapshot


class BackendContract:
    @pytest.fixture
    def rig(self) -> Iterator[Rig]:
        raise NotImplementedError

    def test_lists_the_reader(self, rig: Rig) -> None:
        assert rig.reader in rig.backend.readers()

    def test_insertion_and_removal_are_seen(self, rig: Rig) -> None:
        _present_within(rig, False)
        rig.insert(make("pboc-pse"))
        _present_within(rig, True)
        rig.remove()
        _present_within(rig, False)

    @pytest.mark.parametrize("profile", ["ssc-gen2", "pboc-ppse", "pboc-t0", "visa-replay"])
    def test_reads_cards_through_the_backend(self, rig: Rig, profile: str) -> None:
        card = make(profile)
        rig.insert(card)
        _present_within(rig, True)
        connection = rig.backend.connect(rig.reader)
        try:
            result = read_card(connection, LOOKUP_KEY)
        finally:
            connection.close()
        assert result.card_number == card.expected.card_number
        assert result.id_number == card.expected.id_number

    def test_connect_to_an_empty_reader_says_removed(self, rig: Rig) -> None:
        _present_within(rig, False)
        with pytest.raises(CardRemovedError):
            rig.backend.connect(rig.reader)

    def test_a_card_pulled_mid_read_says_removed(self, rig: Rig) -> None:
        rig.insert(make("pulled"))
        _present_within(rig, True)
        connection = rig.backend.connect(rig.reader)
        try:
            with pytest.raises(CardRemovedError):
                read_card(connection, LOOKUP_KEY)
        finally:
            connection.close()
        _present_within(rig, False)

    def test_cancel_wakes_a_waiting_call(self, rig: Rig) -> None:
        """A call waiting (10 minutes) for a change returns once cancelled; how fast is
        bench/bench_cards.py's (cancel wake against a bare status round trip)."""
        snapshot = _present_within(rig, False)
        returned = threading.Event()

        def wait() -> None:
            rig.backend.wait_for_change(snapshot, 600)
            returned.set()

        waiter = threading.Thread(target=wait, daemon=True)
        waiter.start()
        while not returned.is_set() and waiter.is_alive():
            rig.backend.cancel()  # repeated: a cancel before the wait began wakes nothing
            returned.wait(0.2)
        waiter.join(60)
        assert returned.is_set()


class TestFakeBackend(BackendContract):
    @pytest.fixture
    def rig(self) -> Iterator[Rig]:
        rig = FakeRig()
        yield rig
        rig.close()


@pytest.mark.system
class TestPcscBackend(BackendContract):
    @pytest.fixture
    def rig(self) -> Iterator[Rig]:
        rig = VpcdRig()
        yield rig
        rig.close()
