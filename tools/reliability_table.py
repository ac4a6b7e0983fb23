"""Turn the figures of a reliability run into the table of docs/reliability.md.

    python tools/reliability_table.py build/reliability.jsonl docs/reliability.md

Reads the JSON lines written by tests/reliability/conftest.py (one per test)
and replaces what stands between the ``<!-- figures:start -->`` and
``<!-- figures:end -->`` markers of the document with a Markdown table. With
no document argument the table goes to standard output.
"""

from __future__ import annotations

import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def _num(n: int) -> str:
    return f"{n:,}"


def table(rows: list[dict]) -> str:
    modes = sorted({r["mode"] for r in rows}) or ["-"]
    total_s = sum(r["seconds"] for r in rows)
    lines = [
        f"Mode **{'/'.join(modes)}**, run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}; "
        f"{len(rows)} tests, {total_s / 60:.1f} min in all.",
        "",
        "| test | outcome | runs | faults injected | losses | duplicates | leaks | seconds |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in sorted(rows, key=lambda r: r["test"]):
        lines.append(
            f"| `{r['test']}` | {r['outcome']} | {_num(r['runs'])} | {_num(r['faults'])} | "
            f"{_num(r['losses'])} | {_num(r['duplicates'])} | {_num(r['leaks'])} | "
            f"{r['seconds']:.0f} |")
    details = [r for r in sorted(rows, key=lambda r: r["test"]) if r.get("detail")]
    if details:
        lines += ["", "Details:", ""]
        for r in details:
            parts = ", ".join(f"{k} {v}" for k, v in r["detail"].items())
            lines.append(f"- `{r['test']}`: {parts}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    rows_by_test: dict[str, dict] = {}
    for line in Path(argv[0]).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows_by_test[row["test"]] = row  # the last run of a test counts
    text = table(list(rows_by_test.values()))
    if len(argv) < 2:
        print(text)
        return 0
    doc = Path(argv[1])
    body = doc.read_text(encoding="utf-8")
    if START not in body or END not in body:
        print(f"{doc}: no {START} … {END} markers", file=sys.stderr)
        return 1
    head, rest = body.split(START, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
