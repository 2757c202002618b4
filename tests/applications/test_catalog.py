from __future__ import annotations

from kiosk.services.catalog import CatalogService
from kiosk.storage.database import Database
from tests.applications.conftest import demo_catalog, load_catalog


def names(results: list) -> list[str]:  # type: ignore[type-arg]
    return [item.name for item in results]


def test_two_character_chinese_terms_find_their_service(db: Database) -> None:
    catalog = CatalogService(db)
    assert names(catalog.search("低保"))[0] == "低保申请"
    assert "残疾人证新办" in names(catalog.search("残疾"))
    assert "户口簿" not in names(catalog.search("户口簿"))  # a material, not a name...
    assert len(catalog.search("户口簿")) >= 3  # ...but it finds the services needing it


def test_pinyin_initials_and_whole_pinyin(db: Database) -> None:
    catalog = CatalogService(db)
    assert names(catalog.search("dbsq"))[0] == "低保申请"
    assert names(catalog.search("DBSQ"))[0] == "低保申请"
    assert "高龄津贴申领" in names(catalog.search("gaoling"))
    assert catalog.search("zzzzqqq") == []
    assert catalog.search("   ") == []


def test_index_follows_a_catalog_update(db: Database) -> None:
    catalog = CatalogService(db)
    assert catalog.search("养蜂") == []
    item = dict(demo_catalog()[0], id="svc-bees", name="养蜂补贴申请")
    load_catalog(db, [item], cursor="2")
    assert names(catalog.search("养蜂")) == ["养蜂补贴申请"]
    assert names(catalog.search("yfbt")) == ["养蜂补贴申请"]


def test_detail_and_listing(db: Database) -> None:
    catalog = CatalogService(db)
    detail = catalog.detail("svc-dibao")
    assert detail is not None
    assert detail.materials
    assert detail.legal_basis
    assert detail.eligibility
    assert detail.fee_text == "免费"
    assert detail.time_limit_days == 30
    assert detail.form_id == "dibao-apply"
    assert detail.can_apply
    rows = catalog.listing()
    assert len(rows) == 16
    assert {"id", "name", "category", "form_id", "form_version"} == set(rows[0])
    grouped = catalog.by_category()
    assert sum(len(v) for v in grouped.values()) == 16
