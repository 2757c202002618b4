"""Errors of the printing library, each a message a person can act on.

The app maps them onto its own error types; the library stays free of `kiosk`.
"""

from __future__ import annotations


class PrintingError(Exception):
    """Base: printing failed in a way an admin can fix (font, printer, data)."""


class FontNotFound(PrintingError):
    """No embeddable CJK TrueType font on this machine."""


class DocumentDataError(PrintingError, ValueError):
    """The data given for a document is missing a field or has a wrong one."""


class PrinterUnavailable(PrintingError):
    """The printer (queue, device) cannot take a job right now."""
