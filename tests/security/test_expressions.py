"""Finding 4: the form expression engine cannot hang the kiosk or crash `forms check`.

The review's attack, computed fields on computed fields (`mul[c, c]` twenty times), is refused
when the definition loads; the same chain evaluated by hand stops at the magnitude bound
("no value", reported as an error) instead of growing numbers of millions of digits; a
validation past its time budget stops with an error in words; nesting a definition thousands
deep is "nested too deeply" in words from `kiosk forms check`; and the wizard evaluates the
answers off the UI thread.
"""

from __future__ import annotations

import json
import threading
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from forms import DefinitionError, evaluate, parse_definition
from forms import expressions as ex
from forms.limits import MAX_JSON_DEPTH
from tests.forms.conftest import TODAY, document, field, t
from tests.security.conftest import run


def chain(length: int, *, square: bool = True) -> dict[str, Any]:
    """A page with `x` and computed fields c1 = mul[x, x], c2 = mul[c1, c1], ..."""
    fields = [field("x", "integer", required=True)]
    previous = "x"
    for number in range(1, length + 1):
        operand = {"field": previous}
        fields.append(field(f"c{number}", "computed", expression={
            "mul": [operand, operand if square else 2]}))
        previous = f"c{number}"
    return document({"id": "calc", "title": t("计算", "Sums"), "fields": fields})


def test_computed_on_computed_twenty_deep_is_refused_at_load() -> None:
    with pytest.raises(DefinitionError) as refused:
        parse_definition(chain(20))
    assert any("computed from computed fields 5 deep" in p for p in refused.value.problems)
    parse_definition(chain(ex.MAX_COMPUTED_DEPTH))  # as deep as allowed: loads


def test_the_chain_stops_at_the_bound_with_no_value_and_an_error() -> None:
    definition = parse_definition(chain(ex.MAX_COMPUTED_DEPTH))
    answers = {"name": "张三", "idno": "330122194501011234", "phone": "13800000000",
               "x": 99_999}
    result = evaluate(definition, answers, today=TODAY)
    assert result.answers["c1"] == 99_999 ** 2
    assert result.answers["c2"] is None  # 10^20 > the bound: no value, never a bigger number
    assert result.answers["c3"] is None
    assert result.answers["c4"] is None
    errors = [i for i in result.report.errors if i.code == "computed_too_large"]
    assert [i.path for i in errors] == ["c2"]
    assert "太大" in errors[0].message_zh
    assert "too large" in errors[0].message_en


def test_squaring_twenty_times_by_hand_never_builds_a_huge_number() -> None:
    """What used to take 23.5 s: each step is bounded, so no value ever passes 10^30."""
    value: Any = 10**6
    seen: list[Any] = []
    for _ in range(20):
        value, problem = ex.evaluate_bounded({"mul": [{"field": "c"}, {"field": "c"}]},
                                             ex.Env({"c": value}, TODAY))
        seen.append(value)
        if value is None:
            assert problem in ("too_large", None)
    assert seen[0] == 10**12
    assert all(v is None for v in seen[1:])
    assert ex.evaluate_bounded({"div": [1, 10**13]}, ex.Env({}, TODAY)) == (None, "too_large")
    assert ex.evaluate({"div": [1, 3]}, ex.Env({}, TODAY)) == Fraction(1, 3)


def test_a_literal_beyond_the_bound_is_a_definition_problem() -> None:
    page = {"id": "calc", "title": t("计算", "Sums"), "fields": [
        field("x", "integer"),
        field("c", "computed", expression={"mul": [{"field": "x"}, 10**16]})]}
    with pytest.raises(DefinitionError) as refused:
        parse_definition(document(page))
    assert any("too large" in p for p in refused.value.problems)


def test_a_validation_past_its_time_budget_stops_with_an_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import forms.validation

    monkeypatch.setattr(forms.validation, "Budget", lambda: ex.Budget(seconds=-1.0))
    definition = parse_definition(chain(2, square=False))
    result = evaluate(definition, {"x": 5}, today=TODAY)
    assert result.answers["c1"] is None
    slow = [i for i in result.report.errors if i.code == "computed_too_slow"]
    assert slow
    assert "took too long" in slow[0].message_en
    assert "计算太久" in slow[0].message_zh


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 5, 100_000])
def test_forms_check_says_nested_too_deeply_in_words(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, depth: int) -> None:
    condition = '{"not": ' * depth + '{"answered": "x"}' + "}" * depth
    base = json.dumps(document({"id": "p", "title": t("页", "Page"), "fields": [
        field("x", "text"), field("y", "text", shown_if="SHOWN")]}), ensure_ascii=False)
    path = tmp_path / "deep.json"
    path.write_text(base.replace('"SHOWN"', condition), encoding="utf-8")
    code, _out, err = run(capsys, "forms", "check", str(path))
    assert code == 1
    assert "nested too deeply" in err
    assert "RecursionError" not in err
    assert "Traceback" not in err
    code, report, _err = run(capsys, "forms", "check", str(path), "--json")
    assert code == 1
    assert report["ok"] is False
    assert any("nested too deeply" in p for p in report["problems"])


def test_the_wizard_evaluates_answers_off_the_ui_thread(qtbot: Any, data_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from forms import WizardSession
    from kiosk.demo.village import Scale
    from kiosk.ui.shell import KioskShell
    from kiosk.ui.wizard.fields import LineField
    from tests.support.village import demo_village

    threads: list[str] = []
    real = WizardSession.evaluation

    def recording(self: WizardSession, pages: Any = None) -> Any:
        threads.append(threading.current_thread().name)
        return real(self, pages)

    villages = demo_village(data_dir, Scale(residents=30, subsidy_months=1,
                                            disclosure_quarters=1))
    village = next(villages)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    shell: Any = KioskShell(app, village.services, pool, width=1920, height=1080)
    try:
        shell.window.show()
        shell.window.show_page("wizard", {"service_id": "svc-dibao"})
        qtbot.waitUntil(lambda: shell.tasks.pending == 0 and
                        shell.window.pages["wizard"].session is not None)
        page = shell.window.pages["wizard"]
        while page.session.current_page.id in ("privacy_notice", "who_applies"):
            qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)  # agree; "the applicant"
            qtbot.waitUntil(lambda: shell.tasks.pending == 0)
        monkeypatch.setattr(WizardSession, "evaluation", recording)
        line = next(w for w in page.widgets.values() if isinstance(w, LineField))
        line.changed.emit("张三")
        qtbot.waitUntil(lambda: shell.tasks.pending == 0)
        assert threads
        assert all(name.startswith("kiosk-db") for name in threads), threads
    finally:
        qtbot.waitUntil(lambda: shell.tasks.pending == 0)
        shell.dispose()
        pool.shutdown(wait=True)
        next(villages, None)
