"""Deferred sync with the provincial platform: outbox, push, pull, client, emulator.

A library beneath the app: it never imports `kiosk` or Qt.
"""
