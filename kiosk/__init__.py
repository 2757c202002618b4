"""The village service terminal: an offline-first kiosk for Zhejiang village service points."""

__version__ = "0.1.0"
