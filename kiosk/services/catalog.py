"""The service catalog as the villager browses it: categories, then services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class ServiceSummary:
    id: str
    category: str
    name: str
    summary: str


class CatalogService:
    def __init__(self, db: Database):
        self._db = db

    def by_category(self) -> dict[str, list[ServiceSummary]]:
        from kiosk.storage.catalog import list_services

        grouped: dict[str, list[ServiceSummary]] = {}
        for item in list_services(self._db):
            grouped.setdefault(item["category"], []).append(
                ServiceSummary(item["id"], item["category"], item["name"], item.get("summary", ""))
            )
        return grouped

    def get(self, service_id: str) -> dict[str, Any] | None:
        from kiosk.storage.catalog import get_service

        return get_service(self._db, service_id)
