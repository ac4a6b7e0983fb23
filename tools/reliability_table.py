"""Turn the figures of a reliability run into the table of docs/reliability.md.

    python tools/reliability_table.py build/reliability.jsonl docs/reliability.md

Reads the JSON lines written by tests/reliability/conftest.py (one per test),
merges them into ``docs/reliability-figures.jsonl`` (the figures on record, one
line per test, the newest run of a test replacing the older one, so soak runs
of parts of the suite add up) and replaces what stands between the
``<!-- figures:start -->`` and ``<!-- figures:end -->`` markers of the document
with a Markdown table of them. With no document argument the table of the
given file alone goes to standard output.
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
    dates = sorted(r.get("date", "") for r in rows if r.get("date")) or \
        [f"{datetime.now(UTC):%Y-%m-%d %H:%M}"]
    when = dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
    lines = [
        f"Mode **{'/'.join(modes)}**, run {when} UTC on "
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


def read_rows(path: Path, into: dict[str, dict]) -> dict[str, dict]:
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                into[row["test"]] = row  # the last run of a test counts
    return into


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(table(list(read_rows(Path(argv[0]), {}).values())))
        return 0
    doc = Path(argv[1])
    store = doc.with_name(doc.stem + "-figures.jsonl")
    rows = read_rows(Path(argv[0]), read_rows(store, {}))
    store.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                             for _, r in sorted(rows.items())), encoding="utf-8")
    text = table(list(rows.values()))
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
