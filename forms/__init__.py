"""Form definitions, field types, validation and wizard sessions.

A library beneath the app: it never imports `kiosk` or Qt.
"""
