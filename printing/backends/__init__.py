"""Printer back ends behind one Protocol (`printing.backends.base.PrinterBackend`)."""
