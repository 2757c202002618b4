"""Pure helpers for personal numbers: masking them for people, keying them for look-ups.

A leaf package (it imports nothing of the kiosk): the card reader (`kiosk.devices`) and the
services both use it, so neither has to import the other's package. `kiosk.services.masking`
and `kiosk.services.holder_keys` re-export it for the callers written before the move.
"""
