"""Printable documents (reportlab) and printer back ends (CUPS, PDF folder, ESC/POS).

A library beneath the app: it never imports `kiosk` or Qt.
"""
