#!/usr/bin/env python3
"""Import loops between the project's modules, and the files over 500 lines.

Walks every package at the top of the project (a folder with ``__init__.py``;
``tests`` and migrations are left out), reads each module with ``ast`` and
draws an edge for every import of another project module: top-level imports
AND imports inside functions, since a lazy import that hides a loop is still a
loop (imports under ``if TYPE_CHECKING:`` are left out: they never run).
``from a.b import c`` points at ``a.b.c`` when that is a module, else at ``a.b``;
``importlib.import_module("a.b")`` with a literal name counts too.

Prints every elementary cycle as ``a -> b -> a`` (rotated to start at its
smallest module, so a loop always reads the same) and exits 1 if one is not in
the allow-list (``scripts/import_cycles_allowed.txt``, one cycle a line, ``#``
comments). Allowed cycles that no longer occur are reported so the list can
shrink. Then prints the Python files over 500 lines (information, not failure).

    python scripts/import_cycles.py [--root DIR] [--allowed FILE] [--no-allowed]
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
from pathlib import Path

LONG_FILE = 500
SKIP_DIRS = {".venv", "node_modules", "staticfiles", "__pycache__", "migrations", ".git", "var"}
SKIP_PACKAGES = {"tests"}
MAX_CYCLES_PER_KNOT = 500  # a tangle this large is reported as one knot


def project_modules(root: Path) -> dict[str, Path]:
    """Module name -> file, for every module of the top-level packages."""
    modules: dict[str, Path] = {}
    for package in sorted(p for p in root.iterdir() if (p / "__init__.py").is_file()):
        if package.name in SKIP_PACKAGES or package.name in SKIP_DIRS:
            continue
        for path in sorted(package.rglob("*.py")):
            relative = path.relative_to(root)
            if any(part in SKIP_DIRS for part in relative.parts):
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(tree: ast.AST, module: str, is_package: bool):
    """Yield the dotted names a module imports (absolute, with ``from`` names appended)."""
    package = module if is_package else module.rpartition(".")[0]
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".") if package else []
                if node.level > 1:
                    base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # ``from a import b`` names module ``a.b`` when it is one, else ``a``
            # (resolved in module_graph): never both, since importing a submodule
            # always loads its package first and that is no loop.
            for alias in node.names:
                yield f"{base}.{alias.name}" if alias.name != "*" else base
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value
        stack.extend(ast.iter_child_nodes(node))


def module_graph(root: Path) -> dict[str, set[str]]:
    modules = project_modules(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for target in _imported_names(tree, name, is_package):
            # the deepest project module the name denotes
            parts = target.split(".")
            while parts and ".".join(parts) not in modules:
                parts.pop()
            if parts:
                imported = ".".join(parts)
                if imported != name:
                    graph[name].add(imported)
    return graph


def knots(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return sorted(found)


def cycles_in(knot: list[str], graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """Elementary cycles inside one knot, each starting at its smallest module."""
    members = set(knot)
    cycles: list[tuple[str, ...]] = []
    for position, start in enumerate(knot):
        allowed = set(knot[position:])  # cycles through smaller modules were found already
        path = [start]
        on_path = {start}
        work = [iter(sorted(graph[start] & allowed))]
        while work:
            for nxt in work[-1]:
                if nxt == start:
                    cycles.append(tuple(path))
                    if len(cycles) >= MAX_CYCLES_PER_KNOT:
                        return cycles
                elif nxt not in on_path and nxt in members:
                    path.append(nxt)
                    on_path.add(nxt)
                    work.append(iter(sorted(graph[nxt] & allowed)))
                    break
            else:
                work.pop()
                on_path.discard(path.pop())
    return sorted(cycles)


def render(cycle: tuple[str, ...]) -> str:
    return " -> ".join([*cycle, cycle[0]])


def long_files(root: Path) -> list[tuple[int, str]]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in files:
            if name.endswith(".py"):
                path = Path(folder) / name
                lines = len(path.read_text(encoding="utf-8").splitlines())
                if lines > LONG_FILE:
                    found.append((lines, str(path.relative_to(root))))
    return sorted(found, key=lambda f: (-f[0], f[1]))


def read_allowed(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    allowed = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            allowed.add(" -> ".join(part.strip() for part in line.split("->")))
    return allowed


def main(argv: list[str] | None = None) -> int:
    default_root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=default_root)
    parser.add_argument("--allowed", type=Path, default=None)
    parser.add_argument("--no-allowed", action="store_true", help="ignore the allow-list")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    allowed_file = args.allowed or root / "scripts" / "import_cycles_allowed.txt"
    allowed = set() if args.no_allowed else read_allowed(allowed_file)

    graph = module_graph(root)
    edges = sum(len(targets) for targets in graph.values())
    print(f"Import graph: {len(graph)} modules, {edges} imports between them.")
    found: list[str] = []
    for knot in knots(graph):
        cycles = cycles_in(knot, graph)
        more = " (first ones only)" if len(cycles) >= MAX_CYCLES_PER_KNOT else ""
        print(f"Knot of {len(knot)} modules, {len(cycles)} cycles{more}: {', '.join(knot)}")
        found += [render(c) for c in cycles]
    new = [c for c in found if c not in allowed]
    print(f"Import cycles: {len(found)} ({len(found) - len(new)} allowed, {len(new)} not).")
    for cycle in found:
        print(f"  {'allowed ' if cycle in allowed else 'CYCLE   '}{cycle}")
    gone = sorted(allowed - set(found))
    if gone:
        print(f"Allowed cycles that no longer occur (remove them from {allowed_file.name}):")
        for cycle in gone:
            print(f"  {cycle}")

    files = long_files(root)
    print(f"Files over {LONG_FILE} lines: {len(files)}")
    for lines, path in files:
        print(f"  {lines:6d}  {path}")
    if new:
        print("New import cycles: break them (move the shared code down a layer).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
