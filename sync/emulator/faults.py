"""Fault injection for the emulator: what can go wrong between a village and the province."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Faults:
    """Rates are probabilities per request (0..1); times are seconds."""

    error_rate: float = 0.0           # answer 500/502/503/504 (or 429) without doing anything
    drop_rate: float = 0.0            # close the connection before doing anything
    commit_drop_rate: float = 0.0     # do the work, commit, then close without an answer
    stall_rate: float = 0.0           # sleep `stall_s` before answering (client timeouts)
    stall_s: float = 0.0
    latency_s: float = 0.0            # added to every answer
    blob_latency_s: float = 0.0       # added to blob uploads only (before reading the body)
    after_commit_s: float = 0.0       # wait after committing, before answering
    retry_after: str = ""             # Retry-After header on 429/503 answers
    clock_skew_s: float = 0.0         # the server clock is this far ahead of the real one
    tamper_ids: list[str] = field(default_factory=list)  # disclosure ids served tampered
    tamper_rate: float = 0.0          # or this share of disclosures
    disabled_paths: list[str] = field(default_factory=list)  # fault-free path prefixes
    seed: int | None = None

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()

    def roll(self, rate: float) -> bool:
        if rate <= 0:
            return False
        with self._lock:
            return self._rng.random() < rate

    def choice(self, options: list[int]) -> int:
        with self._lock:
            return self._rng.choice(options)

    def update(self, values: dict[str, Any]) -> None:
        names = {f.name for f in fields(self)}
        for key, value in values.items():
            if key not in names:
                raise ValueError(f"unknown fault {key!r}")
            setattr(self, key, value)
        if "seed" in values:
            self._rng = random.Random(self.seed)

    def as_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
