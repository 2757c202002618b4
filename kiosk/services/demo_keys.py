"""The demo's keys, derived from its public seed: anyone with the source can make them, which
is why `kiosk.services.demo_guard` must recognise them on a real terminal. A services module
(not in kiosk.demo) so that the guard can derive them without importing the demo package,
which sits above the services.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.secrets import Secrets

PUBLISHER_KEY_ID = "fenshui-township-demo"


@dataclass(frozen=True)
class DemoKeys:
    lookup_key: bytes
    terminal_secret: bytes
    publisher: Ed25519PrivateKey
    enrollment_code: str

    @classmethod
    def for_seed(cls, seed: int) -> DemoKeys:
        def derive(label: str) -> bytes:
            return hashlib.sha256(f"village-kiosk-demo/{label}/{seed}".encode()).digest()

        return cls(
            lookup_key=derive("lookup"),
            terminal_secret=derive("terminal"),
            publisher=Ed25519PrivateKey.from_private_bytes(derive("publisher")),
            enrollment_code=f"DEMO-{derive('enroll').hex()[:8].upper()}",
        )

    @property
    def publisher_public(self) -> bytes:
        return self.publisher.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def secrets(self) -> Secrets:
        return Secrets(self.terminal_secret, self.lookup_key,
                       {PUBLISHER_KEY_ID: self.publisher_public})
