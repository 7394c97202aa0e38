"""The house's layers (issue 9): the pure rules import nothing of the app above them, and the
app's packages import each other without a circle (top-level imports; a function may import
lazily what it needs at run time). Tests, test factories and patches are left out."""

import ast
import unittest
from collections import defaultdict
from pathlib import Path

APP = Path(__file__).resolve().parents[1]
PACKAGE = APP.name


def is_test_or_patch(path: Path) -> bool:
	parts = path.relative_to(APP).parts
	return (
		"tests" in parts
		or "patches" in parts
		or path.name.startswith("test_")
		or path.name == "test_utils.py"
	)


def top_level_imports(path: Path) -> set[str]:
	found = set()
	for node in ast.parse(path.read_text(encoding="utf-8")).body:
		if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
			names = [node.module]
			if node.module == PACKAGE:  # from property_supervision import workflow_meanings
				names = [f"{PACKAGE}.{alias.name}" for alias in node.names]
			found.update(n for n in names if n.split(".")[0] == PACKAGE)
		elif isinstance(node, ast.Import):
			found.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
	return found


def package_of(module: str) -> str:
	parts = module.split(".")
	return parts[1] if len(parts) > 1 else ""


def import_graph() -> dict[str, set[str]]:
	graph = defaultdict(set)
	for path in APP.rglob("*.py"):
		if is_test_or_patch(path):
			continue
		module = ".".join((PACKAGE, *path.relative_to(APP).with_suffix("").parts)).removesuffix(".__init__")
		for imported in top_level_imports(path):
			if package_of(imported) != package_of(module):
				graph[package_of(module)].add(package_of(imported))
	return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
	state: dict[str, int] = {}
	stack: list[str] = []

	def visit(node):
		state[node] = 1
		stack.append(node)
		for nxt in sorted(graph.get(node, ())):
			if state.get(nxt) == 1:
				return [*stack[stack.index(nxt) :], nxt]
			if not state.get(nxt) and (cycle := visit(nxt)):
				return cycle
		stack.pop()
		state[node] = 2
		return None

	for node in sorted(graph):
		if not state.get(node) and (cycle := visit(node)):
			return cycle
	return None


class TestLayers(unittest.TestCase):
	def test_rules_stay_pure(self):
		for path in (APP / "rules").glob("*.py"):
			upward = {m for m in top_level_imports(path) if package_of(m) != "rules"}
			self.assertFalse(upward, f"{path.name} imports {upward}")

	def test_no_circle_between_packages(self):
		graph = import_graph()
		self.assertIn("complaints", graph)  # the graph was read
		self.assertIsNone(find_cycle(graph))

	def test_the_check_finds_a_circle(self):
		self.assertEqual(find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}), ["a", "b", "c", "a"])
		self.assertIsNone(find_cycle({"a": {"b"}, "b": {"c"}}))
