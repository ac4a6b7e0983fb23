"""`make mutation`: mutation testing of the pure core, one module at a time (mutmut 3).

Each module is mutated in its own copy of the project under build/mutation/work/<name>/,
so the checkout others work in is never changed, and only the module's own unit tests
run against each mutant (mutmut then narrows that to the tests that call the mutated
function). The results go to build/mutation/<name>.json; the report,
build/mutation/report.md, gives the score per module and every survivor with its diff.
Survivors known to be equivalent (tools/mutation_equivalents.py) are listed with why and
left out of the score.

    python tools/mutation.py                 # every module, one after the other
    python tools/mutation.py backoff money   # only these
    python tools/mutation.py --report        # rebuild the report from the last results

Environment: MUTATION_JOBS (default 1) mutants tested at once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutation_equivalents import EQUIVALENT

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "mutation"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Module:
    name: str
    source: str
    tests: tuple[str, ...]
    #: tests left out of the mutation runs: they check shipped data, not the module, and
    #: cost seconds per mutant (the 7,285-district sample tariff through every mutant)
    deselect: tuple[str, ...] = ()


MODULES = (
    Module("waybill", "outlet_pos/domain/waybill.py", ("tests/unit/test_waybill.py",)),
    Module("money", "outlet_pos/domain/money.py", ("tests/unit/test_money.py",)),
    Module("tariff", "outlet_pos/domain/tariff.py",
           ("tests/unit/test_tariff.py", "tests/unit/test_tariff_table.py"),
           ("tests/unit/test_tariff.py::test_sample_tariff_covers_every_district",
            "tests/unit/test_tariff.py::test_fees_round_up_to_the_tables_money_step")),
    Module("address", "outlet_pos/domain/address.py", ("tests/unit/test_address.py",)),
    Module("party", "outlet_pos/domain/party.py", ("tests/unit/test_party_and_text.py",)),
    Module("backoff", "outlet_pos/sync/backoff.py", ("tests/unit/test_backoff.py",)),
    Module("checks", "outlet_pos/central/checks.py", ("tests/unit/test_central_checks.py",)),
    # the body checks live in the protocol's models since issue 19; their wording here
    Module("problems", "outlet_pos/protocol/problems.py",
           ("tests/unit/test_central_checks.py", "tests/unit/test_protocol_bodies.py")),
)
BY_NAME = {m.name: m for m in MODULES}

# mutmut's exit-code verdicts, grouped as the score counts them.
KILLED = {"killed", "timeout", "segfault", "caught by type check"}

_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", "*.qm.tmp")


def _stage(module: Module) -> Path:
    """A fresh copy of the code and the tests for mutmut to work in."""
    work = OUT / "work" / module.name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "outlet_pos", work / "outlet_pos", ignore=_IGNORE)
    shutil.copytree(ROOT / "tests", work / "tests", ignore=_IGNORE)
    shutil.copy2(ROOT / "pyproject.toml", work / "pyproject.toml")
    # setup.cfg lists: one argument a line
    selection = "".join(f"\n    {t}" for t in module.tests)
    args = ["-p", "no:cacheprovider", "-q"]
    for test in module.deselect:
        args += ["--deselect", test]
    (work / "setup.cfg").write_text(
        "[mutmut]\n"
        "source_paths = outlet_pos\n"
        f"only_mutate = {module.source}\n"
        f"pytest_add_cli_args_test_selection ={selection}\n"
        "pytest_add_cli_args =" + "".join(f"\n    {a}" for a in args) + "\n"
        "use_git_change_detection = false\n",
        encoding="utf-8",
    )
    return work


def _mutmut(work: Path, *args: str, log: Path | None = None) -> subprocess.CompletedProcess[str]:
    """mutmut in ``work``; with ``log``, its progress goes there as it runs."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    command = [str(BIN / "mutmut"), *args]
    if log is None:
        return subprocess.run(command, cwd=work, env=env, text=True, capture_output=True,
                              check=False)
    with log.open("w", encoding="utf-8") as out:
        return subprocess.run(command, cwd=work, env=env, text=True, stdout=out,
                              stderr=subprocess.STDOUT, check=False)


def _verdicts(work: Path, module: Module) -> dict[str, str]:
    from mutmut.stats import status_by_exit_code

    meta = json.loads((work / "mutants" / (module.source + ".meta")).read_text("utf-8"))
    return {k: status_by_exit_code[v] for k, v in meta["exit_code_by_key"].items()}


def _mutated_line(diff: str) -> str:
    lines = [ln[1:].strip() for ln in diff.splitlines()
             if ln.startswith("+") and not ln.startswith("+++")]
    return " / ".join(lines)


def run_module(module: Module, jobs: int) -> dict[str, object]:
    work = _stage(module)
    started = datetime.now(UTC)
    run = _mutmut(work, "run", "--max-children", str(jobs), log=OUT / f"{module.name}.log")
    if not (work / "mutants" / (module.source + ".meta")).exists():
        raise SystemExit(f"mutmut failed on {module.name}; see build/mutation/{module.name}.log")
    verdicts = _verdicts(work, module)
    survivors = []
    for name, status in sorted(verdicts.items(), key=lambda kv: _natural(kv[0])):
        if status in KILLED:
            continue
        shown = _mutmut(work, "show", name).stdout
        diff = "\n".join(ln for ln in shown.splitlines() if not ln.startswith("# "))
        survivors.append({"name": name, "status": status, "diff": diff.strip(),
                          "line": _mutated_line(diff)})
    constants = _constants_pass(module)
    killers: dict[str, int] = {}
    for c in constants["results"]:
        if c["killed"]:
            for test in c["by"][:1]:
                killers[test] = killers.get(test, 0) + 1
        else:
            survivors.append({"name": f"{module.name}:constant:{c['what']}", "status": "survived",
                              "diff": c["diff"].strip(), "line": _mutated_line(c["diff"])})
    killed = sum(1 for s in verdicts.values() if s in KILLED)
    result = {
        "module": module.name, "source": module.source, "tests": list(module.tests),
        "when": started.strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": round((datetime.now(UTC) - started).total_seconds()),
        "code_mutants": len(verdicts), "code_killed": killed,
        "constant_mutants": constants["mutants"], "constant_killed": constants["killed"],
        "constants_killed_by": killers,
        "mutants": len(verdicts) + constants["mutants"],
        "killed": killed + constants["killed"],
        "survivors": survivors,
    }
    (OUT / f"{module.name}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    if run.returncode != 0:
        print(f"  mutmut exited {run.returncode}; see build/mutation/{module.name}.log")
    return result


def _constants_pass(module: Module) -> dict:  # type: ignore[type-arg]
    """tools/mutation_constants.py on the module: the load-time numbers mutmut leaves alone."""
    path = OUT / f"{module.name}-constants.json"
    path.unlink(missing_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    with (OUT / f"{module.name}-constants.log").open("w", encoding="utf-8") as log:
        subprocess.run([sys.executable, str(ROOT / "tools" / "mutation_constants.py"),
                        module.name], cwd=ROOT, env=env, stdout=log,
                       stderr=subprocess.STDOUT, check=False)
    if not path.exists():
        raise SystemExit(f"the constants pass failed on {module.name}; see "
                         f"build/mutation/{module.name}-constants.log")
    return json.loads(path.read_text("utf-8"))  # type: ignore[no-any-return]


def _natural(name: str) -> tuple[str, int]:
    head, _, num = name.rpartition("_")
    return (head, int(num)) if num.isdigit() else (name, 0)


def _equivalent_reason(survivor: dict[str, str]) -> str | None:
    """Why a survivor is equivalent, if it was judged so for exactly this mutated line."""
    known = EQUIVALENT.get(survivor["name"])
    if known is None or known[0] != survivor["line"]:
        return None
    return known[1]


def score(result: dict[str, object]) -> tuple[int, int, int, float]:
    """(killed, non-equivalent mutants, equivalent survivors, percentage killed)."""
    survivors = result["survivors"]
    assert isinstance(survivors, list)
    equivalent = sum(1 for s in survivors if _equivalent_reason(s))
    total = int(result["mutants"])  # type: ignore[call-overload]
    counted = total - equivalent
    killed = int(result["killed"])  # type: ignore[call-overload]
    return killed, counted, equivalent, (100.0 * killed / counted if counted else 100.0)


def write_report() -> Path:
    results = [json.loads(p.read_text("utf-8")) for m in MODULES
               if (p := OUT / f"{m.name}.json").exists()]
    out = ["# Mutation testing of the core", "",
           "Made by `make mutation` (tools/mutation.py): mutmut 3 changes the code inside "
           "functions; a second pass (tools/mutation_constants.py) changes each load-time "
           "number (tables, limits, defaults) by one. Each module's own unit tests run "
           "against each mutant. Score = killed / (mutants - equivalent survivors).", "",
           "| module | tests | mutants (code + constants) | killed | survived (equivalent) "
           "| score | run |",
           "|---|---|---|---|---|---|---|"]
    for r in results:
        killed, _, equivalent, pct = score(r)
        out.append(f"| `{r['source']}` | {', '.join(r['tests'])} | {r['mutants']} "
                   f"({r.get('code_mutants', r['mutants'])} + {r.get('constant_mutants', 0)}) "
                   f"| {killed} "
                   f"| {len(r['survivors'])} ({equivalent}) | {pct:.1f} % "
                   f"| {r['when']}, {r['seconds']} s |")
    for r in results:
        out += ["", f"## {r['source']}", ""]
        if BY_NAME[r["module"]].deselect:
            out += ["Left out of the runs (they check shipped data, seconds per mutant): "
                    + ", ".join(f"`{t.rpartition('::')[2]}`"
                                for t in BY_NAME[r["module"]].deselect), ""]
        if r.get("constants_killed_by"):
            out += ["Changed constants were caught first by: " + "; ".join(
                f"`{test.rpartition('::')[2]}` ({n})"
                for test, n in sorted(r["constants_killed_by"].items(), key=lambda kv: -kv[1])),
                ""]
        if not r["survivors"]:
            out.append("Every mutant killed.")
        for s in r["survivors"]:
            reason = _equivalent_reason(s)
            label = f"equivalent: {reason}" if reason else f"**{s['status']}**"
            out += [f"### `{s['name']}` — {label}", "", "```diff", s["diff"], "```", ""]
    path = OUT / "report.md"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="module",
                        help=f"any of {', '.join(BY_NAME)} (default: all)")
    parser.add_argument("--report", action="store_true", help="only rebuild the report")
    args = parser.parse_args(argv)
    unknown = set(args.modules) - set(BY_NAME)
    if unknown:
        parser.error(f"unknown module(s) {', '.join(sorted(unknown))}; known: {', '.join(BY_NAME)}")
    OUT.mkdir(parents=True, exist_ok=True)
    failing = []
    if not args.report:
        jobs = int(os.environ.get("MUTATION_JOBS", "1"))
        for name in args.modules or list(BY_NAME):
            print(f"mutating {BY_NAME[name].source} ...", flush=True)
            result = run_module(BY_NAME[name], jobs)
            killed, counted, equivalent, pct = score(result)
            print(f"  {killed}/{counted} killed ({pct:.1f} %), {equivalent} equivalent, "
                  f"{result['seconds']} s", flush=True)
            if pct < 90.0:
                failing.append(name)
    print(f"report: {write_report().relative_to(ROOT)}")
    if failing:
        print(f"below 90 %: {', '.join(failing)}")
    return 1 if failing else 0


if __name__ == "__main__":
    raise SystemExit(main())
