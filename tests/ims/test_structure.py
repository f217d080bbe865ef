"""The layout keeps its promises (issue 16): views hand every write to a service."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("ims", "documents", "objectives", "audits", "surveys", "api", "context")


def _view_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            if path.name == "views.py" or "views" in path.stem.split("_"):
                yield path


def _writes_in(path: Path, root: Path = ROOT) -> list[str]:
    """Lines where a view saves a form half-way or names the history user itself."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "save":
            for keyword in node.keywords:
                if keyword.arg == "commit":
                    found.append(f"{path.relative_to(root)}:{node.lineno} save(commit=…)")
        if isinstance(node, ast.Attribute) and node.attr in {"_history_user", "_change_reason"}:
            if isinstance(node.ctx, ast.Store):
                found.append(f"{path.relative_to(root)}:{node.lineno} sets {node.attr}")
    return found


def test_views_leave_saving_and_history_to_the_services():
    modules = list(_view_modules())
    assert len(modules) >= 8  # every app's views are looked at, sub-packages included
    found = [line for path in modules for line in _writes_in(path)]
    assert found == []


def test_the_check_sees_a_view_that_saves_by_itself(tmp_path):
    view = tmp_path / "views.py"
    view.write_text(
        "def edit(request, form):\n"
        "    row = form.save(commit=False)\n"
        "    row._history_user = request.user\n"
        "    row.save()\n",
        encoding="utf-8",
    )
    assert _writes_in(view, root=tmp_path) == [
        "views.py:2 save(commit=…)",
        "views.py:3 sets _history_user",
    ]
