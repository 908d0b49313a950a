"""The house rules, read from the source: no import cycle between project modules (imports inside
functions count too), services and forms never import a page or a view module, and no module,
the suite's included, grows past what one reader holds in mind.

Run `python tests/test_architecture.py` to print the graph's cycles and offending imports.
"""

import ast
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every top-level package of the repository is project code, apart from the suite itself.
PROJECT_PACKAGES = tuple(
    sorted(path.parent.name for path in ROOT.glob("*/__init__.py") if path.parent.name != "tests")
)
# Migrations are history (they may import what their time needed); settings import nothing of ours.
SKIPPED_PARTS = {"migrations", "__pycache__"}

# Each exception names the cycle's modules exactly and says why it is still here. An exception that no
# longer matches a cycle fails the test too, so the list shrinks as cycles go.
ALLOWED_CYCLES = {}  # none: name any exception here with the reason it cannot be removed yet

VIEW_MODULE_NAMES = ("views", "admin_views", "enterprise_views")
FORM_MODULE_NAMES = ("forms",)
# Modules that may import pages and views: the wiring (URLs, hooks, app configs), templates' tags, the
# page and view modules themselves, and the content they build (demo, commands).
WIRING_MODULE_NAMES = ("urls", "wagtail_hooks", "apps", "demo", "feeds", "signals")


def module_name(path):
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def project_modules():
    """{dotted name: path} of every project module outside migrations."""
    modules = {}
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if SKIPPED_PARTS.intersection(path.relative_to(ROOT).parts):
                continue
            modules[module_name(path)] = path
    return modules


def _resolve(name, modules):
    """The project module an import of `name` loads last, or None for a third-party name."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module, path, modules):
    """{imported project module: first line} for every import statement in the module, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found = {}

    def add(target, line):
        if target and target != module:
            found.setdefault(target, line)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(_resolve(alias.name, modules), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = module.split(".")
                if not is_package:
                    base_parts = base_parts[:-1]
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                # `from package import submodule` imports the submodule; `from module import name` the module.
                submodule = f"{base}.{alias.name}"
                add(submodule if submodule in modules else _resolve(base, modules), node.lineno)
    return found


@cache
def import_graph():
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def strongly_connected_components(graph):
    """Tarjan's algorithm, iterative; components of more than one module, each sorted."""
    index, lowlink, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = lowlink[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = lowlink[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    lowlink[node] = min(lowlink[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[node])
                if lowlink[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return sorted(components)


def describe(component, graph):
    members = set(component)
    edges = [
        f"  {source} → {target} (line {line})"
        for source in component
        for target, line in sorted(graph[source].items())
        if target in members
    ]
    return "\n".join([" ↔ ".join(component), *edges])


def cycles():
    return strongly_connected_components(import_graph())


def unexpected_cycles():
    return [component for component in cycles() if frozenset(component) not in ALLOWED_CYCLES]


@cache
def page_modules():
    """Modules that define a Wagtail page type (read from the loaded app registry)."""
    from wagtail.models import get_page_models

    modules = project_modules()
    return {model.__module__ for model in get_page_models() if model.__module__ in modules}


def _leaf(name):
    return name.rpartition(".")[2]


def is_view_module(name):
    return _leaf(name) in VIEW_MODULE_NAMES


def is_service_or_form_module(name):
    """Everything that holds rules or forms: not a model, view, page, wiring or management module."""
    parts = name.split(".")
    if _leaf(name) in VIEW_MODULE_NAMES + WIRING_MODULE_NAMES or name in page_modules():
        return False
    if {"models", "management", "templatetags", "settings"}.intersection(parts):
        return False
    return parts[0] != "portal" or _leaf(name) in FORM_MODULE_NAMES


def layering_violations():
    graph = import_graph()
    forbidden = page_modules() | {name for name in graph if is_view_module(name)}
    violations = []
    for source in sorted(graph):
        if not is_service_or_form_module(source):
            continue
        for target, line in sorted(graph[source].items()):
            # The `models` package re-exports pages; importing it for a snippet or a record is fine.
            if target in forbidden:
                violations.append(f"{source} imports {target} (line {line})")
    return violations


def imports_of_the_suite():
    """Project modules that import the suite (tests/: its factories, benchmarks, the site generator)."""
    found = []
    for name, path in project_modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                targets = [node.module or ""]
            else:
                continue
            found += [
                f"{name} imports {target} (line {node.lineno})"
                for target in targets
                if target == "tests" or target.startswith("tests.")
            ]
    return found


def test_the_graph_sees_every_kind_of_import():
    modules = project_modules()
    graph = import_graph()
    assert "courses.models.course" in modules and "core" in modules
    # Absolute, relative and function-local imports are all edges.
    assert "core.cache" in graph["core.cache_signals"]
    assert all(target in modules for edges in graph.values() for target in edges)


def test_cycle_finder_finds_a_loop_through_a_function_local_import(tmp_path):
    graph = {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 3}, "d": {"a": 1}}
    assert strongly_connected_components(graph) == [["a", "b", "c"]]
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from pkg.other import thing\n", encoding="utf-8")
    assert imports_of("pkg.m", source, {"pkg.m": source, "pkg.other": source}) == {"pkg.other": 2}


def test_no_import_cycle_between_project_modules():
    graph = import_graph()
    found = unexpected_cycles()
    assert not found, "import cycles (lazy imports count):\n" + "\n\n".join(
        describe(component, graph) for component in found
    )


def test_every_allowed_cycle_still_exists():
    present = {frozenset(component) for component in cycles()}
    stale = [sorted(cycle) for cycle in ALLOWED_CYCLES if cycle not in present]
    assert not stale, f"remove these exceptions from ALLOWED_CYCLES, the cycles are gone: {stale}"


def test_services_and_forms_import_no_page_or_view_module():
    assert page_modules(), "no page module found: the app registry did not load"
    violations = layering_violations()
    assert not violations, "services and forms must not import pages or views:\n" + "\n".join(violations)


def test_production_code_imports_nothing_from_the_suite():
    found = imports_of_the_suite()
    assert not found, "production code must not import tests/:\n" + "\n".join(found)


if __name__ == "__main__":
    import os

    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    django.setup()
    graph = import_graph()
    for component in cycles():
        print(describe(component, graph), end="\n\n")
    print("\n".join(layering_violations() + imports_of_the_suite()))


# Past this a module is two modules (migrations are generated history).
MODULE_LINE_LIMIT = 600


def test_no_module_is_longer_than_the_limit():
    long_modules = {}
    top = [*PROJECT_PACKAGES, "tests", "scripts"]
    for path in (path for name in top for path in (ROOT / name).rglob("*.py")):
        if set(path.relative_to(ROOT).parts) & SKIPPED_PARTS:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MODULE_LINE_LIMIT:
            long_modules[str(path.relative_to(ROOT))] = lines
    assert long_modules == {}
