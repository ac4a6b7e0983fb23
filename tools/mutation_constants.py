"""The second pass of `make mutation`: module- and class-level number constants.

mutmut 3 mutates code inside functions only, so a table such as the Damm quasigroup in
domain/waybill.py, a limit such as MAX_RUPIAH or the backoff's 2 s / 300 s defaults
would never change under it. This pass changes each such number by one (n → n + 1),
one at a time, and runs the module's own unit tests against it: the module is
re-executed with the change inside a forked child of a process that has already
imported everything, so a mutant costs a test run, not an interpreter start. The tests
that failed are recorded, so the report says which named test catches the change.

Used by tools/mutation.py; ``python tools/mutation_constants.py waybill`` runs it alone.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import json
import os
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120


def _number_nodes(tree: ast.Module) -> list[ast.Constant]:
    """Numbers evaluated when the module loads: not those inside function bodies."""
    found: list[ast.Constant] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return
        if (isinstance(node, ast.Constant) and isinstance(node.value, int | float)
                and not isinstance(node.value, bool)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    for statement in tree.body:
        visit(statement)
    return found


def mutants(source: str) -> list[tuple[str, str]]:
    """(description, mutated source) for every load-time number, each changed by one."""
    lines = source.splitlines(keepends=True)
    out = []
    for node in _number_nodes(ast.parse(source)):
        if node.lineno != node.end_lineno:
            continue
        line = lines[node.lineno - 1]
        old = line[node.col_offset:node.end_col_offset]
        new = repr(node.value + 1)
        changed = line[:node.col_offset] + new + line[node.end_col_offset:]
        mutated = "".join([*lines[:node.lineno - 1], changed, *lines[node.lineno:]])
        out.append((f"line {node.lineno} col {node.col_offset}: {old} → {new}", mutated))
    return out


def _diff(source: str, mutated: str, path: str) -> str:
    return "".join(difflib.unified_diff(source.splitlines(keepends=True),
                                        mutated.splitlines(keepends=True),
                                        f"a/{path}", f"b/{path}", n=0))


class _Failures:
    """A pytest plugin that writes the failing tests' ids to a file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def pytest_runtest_logreport(self, report) -> None:  # type: ignore[no-untyped-def]
        if report.failed:
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(report.nodeid + "\n")


def _run_child(module_name: str, mutated: str | None, tests: list[str], record: str,
               deselect: list[str]) -> int:
    """Fork; in the child, load ``mutated`` as the module and run ``tests``. Exit code."""
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 3
        try:
            signal.alarm(TIMEOUT_S)
            import pytest

            if mutated is not None:
                module = sys.modules[module_name]
                exec(compile(mutated, module.__file__ or module_name, "exec"), module.__dict__)
            args = [*tests, "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"]
            for test in deselect:
                args += ["--deselect", test]
            with open(os.devnull, "w") as quiet:
                os.dup2(quiet.fileno(), 1)
                os.dup2(quiet.fileno(), 2)
                code = int(pytest.main(args, plugins=[_Failures(record)]))
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def run(module_path: str, tests: list[str], deselect: list[str]) -> dict[str, object]:
    """Every constant mutant of ``module_path`` against ``tests``; the verdicts."""
    os.chdir(ROOT)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    module_name = module_path.removesuffix(".py").replace("/", ".")
    importlib.import_module(module_name)
    importlib.import_module("tests.conftest")  # its imports are paid once, here
    source = (ROOT / module_path).read_text("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        record = str(Path(tmp) / "failed")
        clean = _run_child(module_name, None, tests, record, deselect)
        if clean != 0:
            raise SystemExit(f"the tests of {module_path} fail before any change ({clean})")
        results = []
        for description, mutated in mutants(source):
            Path(record).write_text("", encoding="utf-8")
            code = _run_child(module_name, mutated, tests, record, deselect)
            failed = Path(record).read_text("utf-8").splitlines()
            results.append({"what": description, "killed": code != 0, "exit": code,
                            "by": failed[:3], "diff": _diff(source, mutated, module_path)})
    return {"mutants": len(results), "killed": sum(1 for r in results if r["killed"]),
            "results": results}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from mutation import BY_NAME, OUT

    name = sys.argv[1]
    module = BY_NAME[name]
    outcome = run(module.source, list(module.tests), list(module.deselect))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}-constants.json").write_text(json.dumps(outcome, indent=1), "utf-8")
    for r in outcome["results"]:  # type: ignore[attr-defined]
        print("killed" if r["killed"] else "SURVIVED", r["what"], *r["by"][:1])
