"""Devices and outside conditions: the card reader and its protocols, network status."""
