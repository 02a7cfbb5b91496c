"""The core never imports Qt or the desktop package; checked in a clean subprocess."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import archive


def test_archive_modules_never_import_qt_or_desktop() -> None:
    names = [m.name for m in pkgutil.walk_packages(archive.__path__, "archive.")
             if not m.name.endswith("__main__")]
    assert len(names) > 15
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}:\n"
        "    importlib.import_module(n)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'desktop'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "", f"archive pulled in: {out.stdout.strip()}"


def test_import_contract_configured() -> None:
    import tomllib
    from pathlib import Path

    cfg = tomllib.loads((Path(archive.__file__).parent.parent / "pyproject.toml").read_text())
    contract = cfg["tool"]["importlinter"]["contracts"][0]
    assert set(contract["forbidden_modules"]) >= {"desktop", "PySide6", "shiboken6"}


def test_import_linter_contract_holds() -> None:
    import shutil
    from pathlib import Path

    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    root = Path(archive.__file__).parent.parent
    out = subprocess.run([exe], capture_output=True, text=True, timeout=300, cwd=root)
    assert out.returncode == 0, out.stdout[-2000:]
    assert "2 kept, 0 broken" in out.stdout
    assert "core layers" in out.stdout and "KEPT" in out.stdout


def test_layers_contract_lists_every_core_module() -> None:
    import tomllib
    from pathlib import Path

    cfg = tomllib.loads((Path(archive.__file__).parent.parent / "pyproject.toml").read_text())
    layers = next(c for c in cfg["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    named = {m.strip() for layer in layers["layers"] for m in layer.split("|")}
    top = {f"archive.{m.name}" for m in pkgutil.iter_modules(archive.__path__)
           if m.name != "__main__"}
    assert top == named, (top - named, named - top)


def test_nothing_below_the_facade_imports_it() -> None:
    """No module of archive/ but api, cli and the package itself imports archive.api, not
    even for type checking (services take parts)."""
    import grimp

    graph = grimp.build_graph("archive")
    importers = graph.find_modules_that_directly_import("archive.api")
    assert importers <= {"archive", "archive.cli"}, importers
    from pathlib import Path

    for path in Path(archive.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name not in ("api.py", "cli.py", "__init__.py"):
            assert "archive.api" not in text, path


def test_the_facade_only_composes() -> None:
    """api.py stays small and holds no SQL and no Whoosh (STYLE 14)."""
    from pathlib import Path

    text = (Path(archive.__file__).parent / "api.py").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 400  # (STYLE: split past about 400; its services load lazily)
    for word in ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", ".execute(", "import whoosh",
                 "from whoosh"):
        assert word not in text, word
