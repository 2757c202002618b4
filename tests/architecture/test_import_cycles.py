"""No import goes in a circle in kiosk/: neither between modules nor between its packages.

import-linter checks the layers (pyproject.toml) but not circles inside a layer. A circle means
neither side can be read, tested or loaded without the other; the three found in review (doctor
and sync_service over `CheckResult`, the database and its upgrade, the card reader and the
services' masking) were cut with leaf modules. Imports inside functions count: they are the
same dependency, paid later. Imports under `if TYPE_CHECKING:` do not: they name a type for
mypy and never run. The graph comes from grimp, import-linter's own engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import grimp
import pytest

ROOTS = ("kiosk", "sync", "forms", "printing")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*ROOTS, include_external_packages=False,
                             exclude_type_checking_imports=True)


def strongly_connected(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: every group of two or more nodes that reach each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def module_edges(graph: grimp.ImportGraph, prefix: str) -> dict[str, set[str]]:
    return {m: {t for t in graph.find_modules_directly_imported_by(m) if t.startswith(prefix)}
            for m in graph.modules if m.startswith(prefix)}


def package_of(module: str) -> str:
    """kiosk.services.doctor -> kiosk.services; kiosk.app -> kiosk.app."""
    return ".".join(module.split(".")[:2])


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert strongly_connected(edges) == [["a", "b", "c"]]


@pytest.mark.parametrize("root", ROOTS)
def test_no_module_cycle(graph: grimp.ImportGraph, root: str) -> None:
    assert strongly_connected(module_edges(graph, root + ".")) == []


def test_no_cycle_between_the_kiosk_packages(graph: grimp.ImportGraph) -> None:
    edges: dict[str, set[str]] = {}
    for module, targets in module_edges(graph, "kiosk.").items():
        mine = package_of(module)
        edges.setdefault(mine, set()).update(
            package_of(t) for t in targets if package_of(t) != mine)
    cycles = strongly_connected(edges)
    witnesses = [
        f"{m} -> {t}" for m, targets in module_edges(graph, "kiosk.").items() for t in targets
        for group in cycles if package_of(m) in group and package_of(t) in group
        and package_of(m) != package_of(t)]
    assert cycles == [], "\n".join(sorted(witnesses))
