"""The idle session wipe, timed: the whole wipe after a subsidy lookup vs its floor.

The wipe is what `IdleMonitor.session_expired` starts: every page's `wipe()`, history,
clipboard, the input method, voice memory, selections and scroll positions, then the home
page. Its floor, measured in the same run on the same window, is showing the home page alone
(the least a wipe has to do). Each round first looks a demo holder up on the subsidy page so
there is a result to forget. The budget is 100 ms.

    QT_QPA_PLATFORM=offscreen python bench/bench_wipe.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.config import load_settings
from kiosk.demo.village import DemoVillage, Scale, build_demo
from kiosk.paths import DataPaths
from kiosk.secrets import save_secrets
from kiosk.services.demo_keys import DemoKeys
from kiosk.services.registry import Services
from kiosk.storage.database import open_database
from kiosk.ui.shell import KioskShell, install_language

BUDGET_MS = 100.0


def _settle(app: QApplication, shell: KioskShell) -> None:
    for _ in range(400):
        app.processEvents()
        if shell.tasks.pending == 0:
            return
        time.sleep(0.002)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-wipe-"))
    paths = DataPaths(folder)
    demo = DemoVillage(2026, Scale(residents=300, subsidy_months=24, disclosure_quarters=8),
                       dt.date(2026, 11, 30), DemoKeys.for_seed(2026))
    save_secrets(paths.secrets, demo.keys.secrets())
    db = open_database(paths.database, check_same_thread=False)
    build_demo(db, demo)
    services = Services.build(db, load_settings(None, environ={}), paths)
    holders = [r for r in demo.residents()
               if services.subsidies.lookup_id_number(r.id_number).found][:args.rounds]
    app = QApplication(sys.argv[:1])
    install_language(app, "zh_CN")
    pool = ThreadPoolExecutor(max_workers=1)
    shell = KioskShell(app, services, pool, width=1920, height=1080, voice_engine="mock")
    window = shell.window
    window.show()
    _settle(app, shell)
    wipes, floors = [], []
    for index in range(args.rounds):
        resident = holders[index % len(holders)]
        window.show_page("subsidy")
        page = window.pages["subsidy"]
        keys = {b.text(): b for b in page.pad.findChildren(QPushButton)}  # type: ignore[attr-defined]
        for ch in resident.id_number:
            QTest.mouseClick(keys[ch], Qt.MouseButton.LeftButton)
        QTest.mouseClick(page.search_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        _settle(app, shell)
        start = time.perf_counter()
        shell.idle.expire_now()
        wipes.append((time.perf_counter() - start) * 1000)
        _settle(app, shell)
        window.show_page("subsidy")
        start = time.perf_counter()
        window.show_page("home")
        floors.append((time.perf_counter() - start) * 1000)
    wipe, floor = statistics.median(wipes), statistics.median(floors)
    result = {"rounds": args.rounds, "wipe_median_ms": round(wipe, 2),
              "wipe_max_ms": round(max(wipes), 2), "floor_show_home_median_ms": round(floor, 2),
              "ratio_to_floor": round(wipe / max(floor, 1e-6), 1), "budget_ms": BUDGET_MS,
              "within_budget": max(wipes) < BUDGET_MS}
    print(json.dumps(result))
    shell.dispose()
    pool.shutdown(wait=True)
    db.close()


if __name__ == "__main__":
    main()
