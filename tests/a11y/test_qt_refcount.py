"""The kiosk emits Qt signals from Python all day: emitting must not leak Python objects.

PySide 6.12.0's `SignalInstance.emit()` returned True without taking a reference, so every
emit freed one reference of `True`; after a few thousand (minutes of a running kiosk) Python
aborts with "bool_dealloc: deallocating True or False". pyproject.toml keeps PySide below
6.12; this test fails if a release with that bug is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal()
    said = Signal(str)


def test_emitting_keeps_references_to_true_and_false() -> None:
    emitter = _Emitter()
    emitter.said.connect(lambda _text: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.happened.emit()
        emitter.said.emit("x")
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert abs(after[0] - before[0]) < 20, "Signal.emit() loses references to True"
    assert abs(after[1] - before[1]) < 20
