"""`kiosk a11y-report` floors hold on every page, both modes, both terminal sizes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from kiosk.tools.a11y import audit_widgets, contrast_ratio, run_report, text_and_background
from tests.support.village import Village


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1920x1080", "1366x768"])
@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "elderly"])
def test_every_page_meets_the_floors(qtbot, village: Village, pool: ThreadPoolExecutor,  # type: ignore[no-untyped-def]
                                     size: tuple[int, int], elderly: bool) -> None:
    report = run_report(village.services, pool, width=size[0], height=size[1],
                        elderly=elderly)
    pages = {page.page for page in report.pages}
    assert {"home", "subsidy", "disclosure", "attract", "idle-countdown"} <= pages
    assert report.breaches == []
    for page in report.pages:  # every page was really measured
        assert page.smallest_text is not None, page.page
        if page.page != "attract":  # there the whole screen is the one target
            assert page.smallest_target is not None, page.page
        assert page.lowest_contrast is not None, page.page
    home = next(p for p in report.pages if p.page == "home")
    assert home.smallest_action_text is not None
    assert home.smallest_action_text.value >= 30 * (1.2 if elderly else 1)
    spaced = [p.tightest_line_spacing for p in report.pages if p.tightest_line_spacing]
    assert all(m.value >= 1.3 for m in spaced)


def test_line_spacing_of_wrapped_text_is_measured(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from kiosk.ui.theme import Theme
    from kiosk.ui.widgets import text_label

    theme = Theme.for_screen(1920, 1080, elderly=False)
    theme.apply(QApplication.instance())  # type: ignore[arg-type]
    text = "请插入社保卡或银行卡,或在右边输入身份证号码。" * 3
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    ours = text_label(text)
    plain = QLabel(text)
    plain.setWordWrap(True)
    layout.addWidget(ours)
    layout.addWidget(plain)
    root.resize(400, 900)
    root.show()
    qtbot.waitExposed(root)
    report = audit_widgets(root, theme, "test")
    assert report.tightest_line_spacing is not None
    assert "QLabel" in report.tightest_line_spacing.widget  # the plain label, 1.27
    assert report.tightest_line_spacing.value < 1.3
    assert any("line spacing" in b and "QLabel '" in b for b in report.breaches)
    assert not any("KioskLabel" in b for b in report.breaches)


def test_contrast_is_measured_from_pixels() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#f4f6f9"))
    for x in range(5, 15):  # a stroke of grey ink and a faint grid line
        for y in range(5, 15):
            image.setPixelColor(x, y, QColor("#9aa5b1"))
    for x in range(0, 40):
        image.setPixelColor(x, 19, QColor("#d9dee5"))
    ink, background = text_and_background(image, QRect(0, 0, 40, 20))  # type: ignore[misc]
    assert background == (0xF4, 0xF6, 0xF9)
    assert ink == (0x9A, 0xA5, 0xB1)
    assert contrast_ratio(ink, background) < 4.5  # grey on light grey would be a breach
