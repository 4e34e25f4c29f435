"""The package's import graph follows the documented layer order
(docs/architecture.md): every import, at module level or inside a function,
goes to the same layer or a lower one, and no modules import each other in a
cycle.  Read from the source with ``ast``; nothing is imported."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ledger"

#: Bottom to top; a module's layer is its subpackage, or its own name.
LAYERS = (
    ("errors",), ("textio", "units", "intervals", "record"), ("csvio",),
    ("sources",), ("numbers",), ("framing",), ("claims",), ("crosscheck",), ("report",),
    ("job",), ("cli",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, int]]:
    """(imported ledger module, line) for every import in the file.  Imports
    are absolute (``from ledger.claims.store import ...``), so a name's home
    is the module named; ``from ledger.x import y`` names module ``ledger.x.y``
    when ``y`` is one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names if a.name.split(".")[0] == "ledger"]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: a relative import; write it absolute"
            base = node.module or ""
            if base.split(".")[0] == "ledger":
                out += [(f"{base}.{a.name}" if _is_module(f"{base}.{a.name}") else base, node.lineno)
                        for a in node.names]
    return out


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


FILES = sorted(p for p in PACKAGE.rglob("*.py"))
GRAPH = {module_name(p): imports(p) for p in FILES}


def test_every_module_has_a_layer():
    assert {layer(m) for m in GRAPH if m != "ledger"} <= set(RANK)


@pytest.mark.parametrize("path", [p for p in FILES if p != PACKAGE / "__init__.py"],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down(path):
    here = module_name(path)
    wrong = [f"line {line}: {target}" for target, line in GRAPH[here]
             if target != "ledger" and RANK[layer(target)] > RANK[layer(here)]]
    assert not wrong, f"{here} imports upward: {wrong}"


def test_no_import_cycle():
    edges = {m: {t for t, _ in targets if t in GRAPH and t != m} for m, targets in GRAPH.items()}
    edges["ledger"] = set()  # its __getattr__ imports lazily, on purpose
    seen, stack, cycles = set(), [], []

    def visit(node: str) -> None:
        if node in stack:
            cycles.append([*stack[stack.index(node):], node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(edges[node]):
            visit(nxt)
        stack.pop()

    for module in sorted(edges):
        visit(module)
    assert not cycles, cycles


def test_the_layer_order_is_the_documented_one():
    """docs/architecture.md's layer table, top row first, names the same layers."""
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = doc[doc.index("<!-- layers -->"):doc.index("<!-- /layers -->")]
    rows = [line for line in table.splitlines() if line.startswith("|") and "`" in line]
    documented = [tuple(name.strip(" `") for name in row.split("|")[1].split(",")) for row in rows]
    assert documented == list(reversed(LAYERS))
