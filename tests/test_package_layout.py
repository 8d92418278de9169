"""The package's shape: imports flow one way (no loops) and the shells import only the api."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dangjian"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> set[str]:
    """Every dangjian module `path` imports, at the top or inside a function."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [f"{module}.{alias.name}" for alias in node.names] + [module]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        for target in targets:
            if target.startswith("dangjian") and _is_module(target):
                found.add(target)
                break
    return found - {name}


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        # A module always loads its parent packages first; that is not an import of one's own.
        parents = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        graph[name] = _imported(path) - parents
    return graph


def test_imports_form_no_loop():
    graph = _graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                raise AssertionError("import loop: " + " → ".join(path[path.index(target):] + [target]))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_the_shells_import_only_the_api():
    # The command line may start the window (`dangjian gui`), itself a shell over the api.
    shells = [(ROOT / "macros.py", set()), (PACKAGE / "cli.py", {"dangjian.gui"}), (PACKAGE / "gui.py", set()),
              *((ribbon, set()) for ribbon in PACKAGE.glob("ribbon_*.py"))]
    for shell, allowed in shells:
        imported = {m for m in _imported(shell) if m != "dangjian"}
        assert imported <= {"dangjian.api"} | allowed, (shell.name, imported)


# Each folder is a step of the pipeline; a step reads only the steps before it.
BELOW = {
    "read": {"figures", "rules", "documents", "branches", "office", "api", "cli", "checking"},
    "figures": {"rules", "documents", "branches", "office", "api", "cli", "checking", "wording"},
    "rules": {"documents", "branches", "office", "api", "cli", "checking"},
    "documents": {"branches", "api", "cli"},
    "branches": {"api", "cli"},
    # The check reads no file: last year's workbook is searched and read by the edge (last_year.py).
    "checking": {"documents", "branches", "office", "api", "cli", "last_year"},
}


def test_the_layers_point_downwards():
    for module, targets in _graph().items():
        step = module.split(".")[1] if module.count(".") else ""
        forbidden = BELOW.get(step, set())
        wrong = {t for t in targets if t.count(".") and t.split(".")[1] in forbidden}
        assert not wrong, (module, wrong)


def test_nothing_below_the_api_imports_it():
    for module, targets in _graph().items():
        if module not in ("dangjian.api", "dangjian.cli", "dangjian.gui", "dangjian.__main__"):
            assert "dangjian.api" not in targets, module


def test_no_module_is_imported_out_of_sight_of_these_tests():
    """importlib.import_module or __import__ with this package's names would hide an import from
    the graph above (the api once loaded its lazy names that way, hiding a loop)."""
    for path in [*PACKAGE.rglob("*.py"), ROOT / "macros.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                if name in ("import_module", "__import__"):
                    argument = node.args[0] if node.args else None
                    literal = isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                    ours = literal and (argument.value.startswith(".") or argument.value.startswith("dangjian"))
                    dynamic_relative = isinstance(argument, ast.JoinedStr) or any(k.arg == "package" for k in node.keywords)
                    assert not ours and not dynamic_relative, f"{path.relative_to(ROOT)}:{node.lineno}"
