"""scripts/import_cycles.py finds import loops, lazy ones included, and honours its allow-list."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def script():
    path = ROOT / "scripts" / "import_cycles.py"
    spec = importlib.util.spec_from_file_location("import_cycles", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _project(tmp_path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_a_loop_hidden_by_a_lazy_import_is_found_and_fails(script, tmp_path, capsys):
    root = _project(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/services.py": "from app import tasks\n",
            "app/tasks.py": "def run():\n    from app.services import go\n",
            "app/models.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from app.services import go\n",
        },
    )
    assert script.main(["--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "CYCLE   app.services -> app.tasks -> app.services" in out
    assert "app.models" not in out.split("Files over")[0]  # TYPE_CHECKING imports never run


def test_an_allowed_loop_passes_and_a_stale_entry_is_reported(script, tmp_path, capsys):
    root = _project(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/a.py": "from . import b\n",
            "app/b.py": "import app.a\n",
            "allowed.txt": "# known\napp.a -> app.b -> app.a\nold.x -> old.y -> old.x\n",
        },
    )
    assert script.main(["--root", str(root), "--allowed", str(root / "allowed.txt")]) == 0
    out = capsys.readouterr().out
    assert "allowed app.a -> app.b -> app.a" in out
    assert "old.x -> old.y -> old.x" in out.split("no longer occur")[1]


def test_the_project_has_no_import_loop_beyond_the_allow_list(script, capsys):
    assert script.main(["--root", str(ROOT)]) == 0, capsys.readouterr().out
