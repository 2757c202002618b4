"""The demo's keys, derived from its public seed: anyone with the source can make them, which
is why `kiosk.services.demo_guard` must recognise them on a real terminal. A services module
(not in kiosk.demo) so that the guard can derive them without importing the demo package,
which sits above the services.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kiosk.secrets import Secrets

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PUBLISHER_KEY_ID = "fenshui-township-demo"

# The demo clerk and admin with their published PINs (docs/staff.md): the guard recognises them
# on a real terminal, `add_demo_staff` (kiosk.services.auth) creates them. Kept here, not in
# auth, so that `kiosk run --demo` checks its folder without loading the sign-in machinery.
DEMO_STAFF: tuple[tuple[str, str, Literal["clerk", "admin"], str], ...] = (
    ("1001", "王晓梅", "clerk", "258036"),
    ("9001", "李建国", "admin", "369147"),
)


def derive(label: str, seed: int) -> bytes:
    """One of the demo's secrets, from its public seed (hashing only: cheap to check)."""
    return hashlib.sha256(f"village-kiosk-demo/{label}/{seed}".encode()).digest()


@dataclass(frozen=True)
class DemoKeys:
    lookup_key: bytes
    terminal_secret: bytes
    publisher: Ed25519PrivateKey
    enrollment_code: str

    @classmethod
    def for_seed(cls, seed: int) -> DemoKeys:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return cls(
            lookup_key=derive("lookup", seed),
            terminal_secret=derive("terminal", seed),
            publisher=Ed25519PrivateKey.from_private_bytes(derive("publisher", seed)),
            enrollment_code=f"DEMO-{derive('enroll', seed).hex()[:8].upper()}",
        )

    @property
    def publisher_public(self) -> bytes:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        return self.publisher.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def secrets(self) -> Secrets:
        return Secrets(self.terminal_secret, self.lookup_key,
                       {PUBLISHER_KEY_ID: self.publisher_public})
