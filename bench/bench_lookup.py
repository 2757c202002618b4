"""Lookup, search and ledger benchmarks on the county-scale demo; ratios against raw SQLite.

1. Subsidy lookup through `SubsidyService.lookup_keys` vs the same indexed query on a plain
   `sqlite3` connection (the floor), median and p99 over many holders, measured in one run.
2. Disclosure search over N (default 100,000) signed documents through
   `DisclosureService.browse(search=...)` (verification included) vs the best raw query that
   returns the same rows (the bigram-index SQL); a LIKE scan is printed for reference.
3. Opening a 12-month ledger with its chart (service call + QtCharts chart + a paint), in ms.

    python bench/bench_lookup.py [--data-dir DIR] [--docs 100000] [--holders 300]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timings(work: Callable[[], Any], repeat: int) -> list[float]:
    result = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        result.append(time.perf_counter() - start)
    return result


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def stats(name: str, ours: list[float], floor: list[float]) -> dict[str, Any]:
    row: dict[str, Any] = {"what": name, "median_ms": round(statistics.median(ours) * 1000, 3),
           "floor_median_ms": round(statistics.median(floor) * 1000, 3),
           "p99_ms": round(p99(ours) * 1000, 3), "floor_p99_ms": round(p99(floor) * 1000, 3)}
    row["median_ratio"] = round(row["median_ms"] / max(row["floor_median_ms"], 1e-6), 2)
    row["p99_ratio"] = round(row["p99_ms"] / max(row["floor_p99_ms"], 1e-6), 2)
    print(json.dumps(row, ensure_ascii=False))
    return row


def lookup_bench(data_dir: Path, holders: int) -> dict[str, Any]:
    from kiosk.demo.village import DemoVillage, build_demo
    from kiosk.services.holder_keys import id_number_key
    from kiosk.services.subsidies import SubsidyService
    from kiosk.storage.database import open_database
    from kiosk.storage.subsidies import lookup_sql

    village = DemoVillage.make(2026, "county")
    db = open_database(data_dir / "kiosk.sqlite3", check_same_thread=False)
    count = db.conn.execute("SELECT count(*) FROM subsidy_payments").fetchone()[0]
    if count < 500_000:
        started = time.perf_counter()
        build_demo(db, village)
        print(json.dumps({"built_county_demo_s": round(time.perf_counter() - started, 1)}))
        count = db.conn.execute("SELECT count(*) FROM subsidy_payments").fetchone()[0]
    keys = [id_number_key(village.keys.lookup_key, r.id_number)
            for r in random.Random(1).sample(village.residents(), holders)]
    service = SubsidyService(db, village.keys.lookup_key)
    raw = sqlite3.connect(data_dir / "kiosk.sqlite3")
    sql = lookup_sql(1, with_year=False)
    for key in keys[:20]:  # warm both caches alike
        service.lookup_keys([key])
        raw.execute(sql, (key,)).fetchall()
    ours: list[float] = []
    floor: list[float] = []
    rows = 0
    for key in keys:  # interleaved, so both see the same cache state
        # defs, not lambdas with defaults: mypy cannot infer a lambda with a default argument
        # against `Callable[[], Any]`
        def raw_lookup(k: str = key) -> object:
            return raw.execute(sql, (k,)).fetchall()

        def our_lookup(k: str = key) -> object:
            return service.lookup_keys([k])

        floor += timings(raw_lookup, 1)
        ours += timings(our_lookup, 1)
        rows += len(service.lookup_keys([key]).payments)
    print(json.dumps({"payments": count, "holders": holders, "rows_found": rows}))
    return stats("subsidy lookup (service vs raw sqlite3)", ours, floor)


def _documents(count: int) -> Any:
    from kiosk.services.demo_keys import DemoKeys
    from kiosk.services.signatures import sign_item

    keys = DemoKeys.for_seed(7)
    rng = random.Random(7)
    words = ("低保", "路灯", "党费", "宅基地", "慰问", "道路硬化", "垃圾清运", "文化礼堂", "水利",
             "补贴", "公示", "工程", "招投标", "分红", "村民代表", "民主评议", "集体资产")
    for i in range(count):
        year, month = 2018 + i % 9, 1 + i % 12
        body = "".join(rng.choice(words) + rng.choice("的和及与,。") for _ in range(18))
        yield sign_item({"id": f"b{i:06d}", "kind": ("party", "village", "finance")[i % 3],
                         "category": rng.choice(words), "title": f"{year}年{month}月"
                         f"{rng.choice(words)}{rng.choice(words)}情况公开", "period":
                         f"{year}-{month:02d}", "published_at":
                         f"{year}-{month:02d}-{1 + i % 28:02d}T02:00:00Z", "publisher": "演示镇",
                         "body": body, "tables": [], "ledger": [], "attachments": []},
                        keys.publisher, "bench"), keys


def search_bench(folder: Path, docs: int) -> list[dict[str, Any]]:
    from kiosk.services.disclosures import DisclosureService
    from kiosk.storage.database import open_database
    from kiosk.storage.datasets import DatasetStore
    from kiosk.storage.disclosures import Filters, list_sql
    from kiosk.storage.disclosures import Query as SearchQuery

    path = folder / "search.sqlite3"
    db = open_database(path, check_same_thread=False)
    store = DatasetStore(db)
    page: list[dict[str, Any]] = []
    public = b""
    started = time.perf_counter()
    for n, (item, keys) in enumerate(_documents(docs), start=1):
        public = keys.publisher_public
        page.append({"key": item["id"], "op": "upsert", "data": item})
        if len(page) == 5000 or n == docs:
            store.apply_page("disclosures", page, next_cursor=str(n), total=None,
                             synced_at="2026-11-30T00:00:00Z")
            page = []
    service = DisclosureService(db, {"bench": public})
    indexed = service.refresh()
    print(json.dumps({"documents": docs, "load_and_index_s":
                      round(time.perf_counter() - started, 1), "indexed": indexed}))
    raw = sqlite3.connect(path)
    results = []
    for term in ("低保", "路灯", "党费 工程", "道路硬化", "文化礼堂的"):
        sql, params = list_sql(Filters(search=term), 50)
        ids = [r[0] for r in raw.execute(sql, params)]
        assert [s.id for s in service.browse(search=term, limit=50)] == ids, term
        runs = SearchQuery.parse(term).runs
        like = ("SELECT id, data FROM disclosures WHERE "
                + " AND ".join("(title LIKE ? OR json_extract(data, '$.body') LIKE ?)"
                               for _ in runs) + " ORDER BY published_at DESC, id LIMIT 50")
        like_params = [f"%{r}%" for r in runs for _ in (0, 1)]
        for _ in range(3):
            service.browse(search=term, limit=50)
            raw.execute(sql, params).fetchall()
        ours: list[float] = []
        floor: list[float] = []
        # defs, not lambdas with defaults, as in `lookup_bench`
        def raw_search(s: str = sql, p: list[Any] = params) -> object:
            return raw.execute(s, p).fetchall()

        def our_search(t: str = term) -> object:
            return service.browse(search=t, limit=50)

        def like_scan(s: str = like, p: list[str] = like_params) -> object:
            return raw.execute(s, p).fetchall()

        for _ in range(30):
            floor += timings(raw_search, 1)
            ours += timings(our_search, 1)
        like_ms = statistics.median(timings(like_scan, 3)) * 1000
        row = stats(f"search {term!r} ({len(ids)} shown)", ours, floor)
        row["like_scan_ms"] = round(like_ms, 1)
        print(json.dumps({"term": term, "like_scan_median_ms": row["like_scan_ms"]},
                         ensure_ascii=False))
        results.append(row)
    return results


def ledger_bench(folder: Path) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.demo.village import DemoVillage, build_demo
    from kiosk.services.disclosures import DisclosureService
    from kiosk.storage.database import open_database
    from kiosk.ui.disclosure.ledger_view import LedgerChart

    app = QApplication.instance() or QApplication(sys.argv[:1])
    village = DemoVillage.make(2026, "village")
    db = open_database(folder / "ledger.sqlite3", check_same_thread=False)
    build_demo(db, village)
    service = DisclosureService(db, village.keys.secrets().publisher_keys)
    year = service.ledger_years()[1]  # a full year: twelve months of lines
    chart = LedgerChart()
    chart.resize(1800, 560)
    chart.show()
    app.processEvents()
    times = []
    for _ in range(10):
        start = time.perf_counter()
        ledger = service.ledger(year)
        chart.set_ledger(ledger, ("收入", "支出", "结余"))
        chart.grab()  # a full paint of the chart
        times.append(time.perf_counter() - start)
    months = sum(1 for m in service.ledger(year).months if m.income_fen or m.expense_fen)
    row = {"what": f"open {year} ledger ({months} months) with chart",
           "median_ms": round(statistics.median(times) * 1000, 1),
           "max_ms": round(max(times) * 1000, 1), "goal_ms": 200}
    print(json.dumps(row, ensure_ascii=False))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="reuse a county demo here (built if missing)")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--holders", type=int, default=300)
    parser.add_argument("--skip-lookup", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        if not args.skip_lookup:
            lookup_bench(Path(args.data_dir) if args.data_dir else folder / "county",
                         args.holders)
        search_bench(folder, args.docs)
        ledger_bench(folder)


if __name__ == "__main__":
    main()
