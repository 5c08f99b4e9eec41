"""The layering rules, read off the source with ``ast``: handler -> service ->
adapters; domain imports only the standard library; services no AWS or Stripe
SDK; adapters no service but the ports; no import cycle; no private name
imported across modules; no module over MAX_LINES lines.

Every import counts, those inside functions too (relative ones resolved to
absolute module names). A function-level import is fine for cold start (the
container imports adapters when first asked for them; handlers import the
container), but not to dodge a cycle: the graph with every import must stay
acyclic, not only the one of module-level imports."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "chalicelib"
MAX_LINES = 450
# Nothing is exempt from MAX_LINES; nothing may be added here.
LINE_LIMIT_EXEMPT: set[str] = set()
SERVICE_FORBIDDEN = {"chalice", "boto3", "botocore", "pynamodb", "stripe", "aws_lambda_powertools"}
PORTS = frozenset(
    {"chalicelib.services.ports", "chalicelib.services.search_ports", "chalicelib.services.crm_ports"}
    | {"chalicelib.services.planning_ports", "chalicelib.services.analytics_ports"}
)  # the modules of Protocols


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module, absolute (a package when names are imported from its __init__)
    names: tuple[str, ...]  # for ``from target import names``
    lazy: bool  # inside a function
    line: int

    def __str__(self) -> str:
        where = "function-level " if self.lazy else ""
        return f"{self.source}:{self.line} {where}import {self.target}" + (
            f" ({', '.join(self.names)})" if self.names else ""
        )


# --- reading the source ------------------------------------------------------------------------
def project_sources() -> dict[str, tuple[str, bool]]:
    """Module name -> (source, is a package) for chalicelib and app.py."""
    found: dict[str, tuple[str, bool]] = {"app": ((ROOT / "app.py").read_text(), False)}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = (path.read_text(), is_package)
    return found


def _lazy_nodes(tree: ast.AST) -> set[int]:
    """ids of the import nodes inside a function (at any depth)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for child in ast.walk(node):
                if isinstance(child, ast.Import | ast.ImportFrom):
                    inside.add(id(child))
    return inside


def imports_of(module: str, source: str, is_package: bool, modules: Iterable[str]) -> list[Import]:
    """Every import statement of one module, relative ones made absolute; ``from
    pkg import name`` targets ``pkg.name`` when that is a module."""
    known = set(modules)
    tree = ast.parse(source)
    lazy = _lazy_nodes(tree)
    package = module if is_package else module.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(module, alias.name, (), id(node) in lazy, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            modules_named = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known]
            other_names = tuple(a.name for a in node.names if f"{target}.{a.name}" not in known)
            for sub in modules_named:
                found.append(Import(module, sub, (), id(node) in lazy, node.lineno))
            if other_names or not modules_named:
                found.append(Import(module, target, other_names, id(node) in lazy, node.lineno))
    return found


def all_imports(sources: Mapping[str, tuple[str, bool]]) -> list[Import]:
    return [i for name, (src, pkg) in sources.items() for i in imports_of(name, src, pkg, sources)]


def top_level(name: str) -> str:
    return name.split(".", 1)[0]


def is_internal(name: str) -> bool:
    return top_level(name) in (PACKAGE, "app")


# --- the rules ---------------------------------------------------------------------------------
def find_cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The import cycles: each strongly connected component of more than one
    module (or a module importing itself), as a sorted list of its modules."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:  # Tarjan
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(cycles)


def internal_edges(imports: Iterable[Import], *, with_lazy: bool) -> set[tuple[str, str]]:
    return {
        (i.source, i.target)
        for i in imports
        if is_internal(i.target) and i.target != i.source and (with_lazy or not i.lazy)
    }


def adapter_service_imports(imports: Iterable[Import]) -> list[str]:
    return [
        str(i)
        for i in imports
        if i.source.startswith(f"{PACKAGE}.adapters")
        and (i.target == f"{PACKAGE}.services" or i.target.startswith(f"{PACKAGE}.services."))
        and i.target not in PORTS
    ]


def impure_domain_imports(imports: Iterable[Import]) -> list[str]:
    """Domain modules may import other domain modules and the standard library only."""
    bad = []
    for i in imports:
        if not i.source.startswith(f"{PACKAGE}.domain"):
            continue
        if is_internal(i.target):
            if not (i.target == f"{PACKAGE}.domain" or i.target.startswith(f"{PACKAGE}.domain.")):
                bad.append(str(i))
        elif top_level(i.target) not in sys.stdlib_module_names:
            bad.append(str(i))
    return bad


def sdk_imports_in_services(imports: Iterable[Import]) -> list[str]:
    return [
        str(i)
        for i in imports
        if i.source.startswith(f"{PACKAGE}.services") and top_level(i.target) in SERVICE_FORBIDDEN
    ]


def private_name_imports(imports: Iterable[Import]) -> list[str]:
    """``from module import _name`` of another module's private name (dunders are not private)."""
    return [
        str(i)
        for i in imports
        if is_internal(i.target)
        and any(n.startswith("_") and not (n.startswith("__") and n.endswith("__")) for n in i.names)
    ]


def long_modules(root: Path = ROOT) -> dict[str, int]:
    lengths = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            lengths[path.relative_to(root).as_posix()] = lines
    return lengths


# --- the project keeps them --------------------------------------------------------------------
@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return all_imports(project_sources())


def test_the_source_is_read(imports):
    """Guards the checks below against passing on nothing: the graph holds known edges."""
    edges = internal_edges(imports, with_lazy=True)
    assert ("chalicelib.adapters.dynamo.orders", "chalicelib.adapters.dynamo.outbox") in edges
    assert ("chalicelib.bootstrap", "chalicelib.adapters.dynamo.orders") in edges  # function-level
    assert ("app", "chalicelib.api") in edges
    assert len(edges) > 150


def test_no_import_cycle_among_module_level_imports(imports):
    assert find_cycles(internal_edges(imports, with_lazy=False)) == []


def test_no_import_cycle_counting_function_level_imports(imports):
    """A function-level import that only dodges a cycle is still a cycle."""
    assert find_cycles(internal_edges(imports, with_lazy=True)) == []


def test_adapters_import_no_service_but_the_ports(imports):
    assert adapter_service_imports(imports) == []


def test_domain_imports_only_domain_and_the_standard_library(imports):
    assert impure_domain_imports(imports) == []


def test_services_import_no_aws_or_stripe_sdk(imports):
    assert sdk_imports_in_services(imports) == []


def test_no_private_name_is_imported_from_another_module(imports):
    assert private_name_imports(imports) == []


def test_no_module_is_over_the_line_limit():
    over = {path: lines for path, lines in long_modules().items() if path not in LINE_LIMIT_EXEMPT}
    assert over == {}, f"split these below {MAX_LINES} lines: {over}"


# --- the checks catch what they are for ----------------------------------------------------------
def synthetic(**modules: str) -> list[Import]:
    """Imports of made-up modules: keyword ``pkg__mod`` is module ``pkg.mod``."""
    sources = {name.replace("__", "."): (src, False) for name, src in modules.items()}
    return all_imports(sources)


def test_a_cycle_is_reported_relative_and_function_level_imports_included():
    found = synthetic(
        chalicelib__a="from . import b\n",
        chalicelib__b="from .c import thing\n",
        chalicelib__c="def f():\n    from .a import other\n",
        chalicelib__d="from .a import x\n",
    )
    assert find_cycles(internal_edges(found, with_lazy=False)) == []
    assert find_cycles(internal_edges(found, with_lazy=True)) == [["chalicelib.a", "chalicelib.b", "chalicelib.c"]]


def test_two_modules_importing_each_other_are_a_cycle():
    assert find_cycles([("x", "y"), ("y", "x"), ("y", "z")]) == [["x", "y"]]
    assert find_cycles([("x", "y"), ("y", "z")]) == []


def test_each_layering_breach_is_reported():
    found = synthetic(
        chalicelib__adapters__store="from ...services.ports import Page\nfrom ..services.carts import CartService\n",
        chalicelib__domain__money="import decimal\nimport boto3\nfrom ..settings import Settings\n",
        chalicelib__services__carts="def f():\n    import stripe\n",
        chalicelib__services__orders="from .carts import _helper, __doc__\n",
    )
    assert adapter_service_imports(found) == [
        "chalicelib.adapters.store:2 import chalicelib.services.carts (CartService)"
    ]
    assert impure_domain_imports(found) == [
        "chalicelib.domain.money:2 import boto3",
        "chalicelib.domain.money:3 import chalicelib.settings (Settings)",
    ]
    assert sdk_imports_in_services(found) == ["chalicelib.services.carts:2 function-level import stripe"]
    assert private_name_imports(found) == [
        "chalicelib.services.orders:1 import chalicelib.services.carts (_helper, __doc__)"
    ]


def test_relative_imports_resolve_to_modules_or_their_package():
    sources = {
        "chalicelib.adapters.dynamo": ("", True),
        "chalicelib.adapters.dynamo.orders": ("from . import keys, other\nfrom .. import cache\n", False),
        "chalicelib.adapters.dynamo.keys": ("", False),
        "chalicelib.adapters.cache": ("", False),
    }
    found = imports_of("chalicelib.adapters.dynamo.orders", *sources["chalicelib.adapters.dynamo.orders"], sources)
    assert [(i.target, i.names) for i in found] == [
        ("chalicelib.adapters.dynamo.keys", ()),
        ("chalicelib.adapters.dynamo", ("other",)),
        ("chalicelib.adapters.cache", ()),
    ]


def test_a_long_module_is_reported(tmp_path):
    (tmp_path / PACKAGE).mkdir()
    (tmp_path / PACKAGE / "short.py").write_text("x = 1\n" * MAX_LINES)
    (tmp_path / PACKAGE / "long.py").write_text("x = 1\n" * (MAX_LINES + 1))
    assert long_modules(tmp_path) == {f"{PACKAGE}/long.py": MAX_LINES + 1}
