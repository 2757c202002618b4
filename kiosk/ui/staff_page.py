"""Where the discreet "Staff" button leads: the staff page lives in `kiosk.ui.staff`.

Kept as the name `main_window` imports, so the page list does not change with it.
"""

from __future__ import annotations

from kiosk.ui.staff.page import StaffPage

__all__ = ["StaffPage"]
