"""Demo government services: the catalog in resources/demo plus each service's form definition."""

from __future__ import annotations

import json
from typing import Any

from kiosk.errors import KioskError
from kiosk.paths import resource


def services() -> list[dict[str, Any]]:
    """Service items in the contract's `services` shape, each carrying its form definition."""
    from forms import load_definition

    catalog_file = resource("demo", "services.json")
    try:
        catalog = json.loads(catalog_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise KioskError(f"demo catalog {catalog_file} cannot be read: {error}") from None
    items = []
    for entry in catalog:
        item = {k: v for k, v in entry.items() if k != "form_id"}
        definition = load_definition(resource("forms", f"{entry['form_id']}.json"))
        item.update(form=definition.document, form_version=definition.version,
                    form_sha256=definition.sha256)
        items.append(item)
    return items
