"""Tooling that drives the kiosk's UI but is not the kiosk: screenshot harnesses
(`kiosk screenshots`, the docs' wizard screenshots), the a11y report (`kiosk a11y-report`),
the layout check they share, and the demo filling of wizard steps.

The frozen build leaves this package out (installer/kiosk.spec `excludes`): a terminal ships
only what a villager or clerk uses. The commands that need it load it through
`kiosk.commands.tooling`, which says so in words where it is missing. It may import Qt and
`kiosk.ui`; the shipped kiosk never imports it (import-linter contract).
"""
