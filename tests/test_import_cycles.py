"""No module of hugomat imports, directly or through others, a module that imports it back:
neither at the top of the file nor inside a function (an import put off to run time is still a
dependency). Imports for type checking only do not count.

The cycles that remain are listed below, each as the modules it joins: a test fails when a
new one appears or one of them grows, and says so when one is gone (then take it off).
"""

from __future__ import annotations

import ast
from pathlib import Path

import hugomat

PACKAGE = Path(hugomat.__file__).resolve().parent
KNOWN_CYCLES: list[set[str]] = []


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_imports(tree: ast.AST, *, type_checking: bool = False,
                    ) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, anywhere in the module, but those under `if TYPE_CHECKING:`
    (unless `type_checking`)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if (not type_checking and isinstance(node, ast.If)
                and "TYPE_CHECKING" in ast.unparse(node.test)):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(*, type_checking: bool = False) -> dict[str, set[str]]:
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in runtime_imports(tree, type_checking=type_checking):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join([*parent, *([node.module] if node.module else [])])
                modules = [f"{base}.{alias.name}" for alias in node.names
                           if f"{base}.{alias.name}" in paths]
                # `from package import module` depends on the module, not on the package.
                targets = modules if len(modules) == len(node.names) else [base, *modules]
            graph[name].update(t for t in targets if t in paths and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_new_import_cycle_and_none_grows() -> None:
    found = cycles(import_graph())
    new = [sorted(group) for group in found
           if not any(group <= known for known in KNOWN_CYCLES)]
    assert new == []
    gone = [sorted(known) for known in KNOWN_CYCLES if not any(known & g for g in found)]
    assert gone == [], "a known cycle is gone: take it off KNOWN_CYCLES"


def test_the_command_side_has_no_cycle() -> None:
    # The plugin starts the other languages' builds, which load mkdocs.yml and run the plugin:
    # loading lives apart (adapter.loading), so nothing there imports the plugin back.
    graph = import_graph()
    found = cycles(graph)
    assert not [group for group in found if any(m.startswith("hugomat.adapter") for m in group)]
    assert "hugomat.adapter.plugin" not in graph["hugomat.adapter.loading"]


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for other in graph[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    return seen


def test_what_renderers_are_handed_sits_below_the_converter() -> None:
    # The parser, the render context, the renderers and the writer's hooks reach the converter
    # only through the context's Conversion: not even their annotations name it.
    graph = import_graph(type_checking=True)
    below = ["hugomat.read.shortcode_parser", "hugomat.render.shortcode_declarations",
             "hugomat.render.context", "hugomat.render.page_hooks",
             *(m for m in graph if m.startswith("hugomat.render.renderers."))]
    converter = {"hugomat.render.documents", "hugomat.render.convert"}
    assert {m: reachable(graph, m) & converter for m in below} == {m: set() for m in below}
    registry = "hugomat.render.renderers.registry"
    assert registry not in reachable(graph, "hugomat.read.shortcode_parser")


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [{"a", "b", "c"}]


# The packages in the order a build runs them (README, "Layout of the code"): each imports
# only those before it. The shared modules and libraries below come first; the commands last.
STAGES = ["errors", "processes", "gotemplate", "markdown", "read", "pictures", "render", "site",
          "adapter"]


def stage_of(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def test_each_stage_imports_only_the_stages_before_it() -> None:
    graph = import_graph()
    backwards = sorted(
        f"{module} -> {target}" for module, targets in graph.items() for target in targets
        if stage_of(module) in STAGES and stage_of(target) in STAGES
        and STAGES.index(stage_of(target)) > STAGES.index(stage_of(module)))
    assert backwards == []
    assert {stage_of(m) for m in graph} - set(STAGES) == {
        "", "check", "cli", "importer", "layout_files", "scaffold"}
