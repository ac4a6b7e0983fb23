"""The disk fails under the counter: full, read-only, locked by another program, damaged.

Each fault must give a clear message that names the problem and the fix (no
traceback, non-zero exit through the real CLI), book nothing partially
(shipments, outbox events and audit entries stay one to one, the audit chain
verifies) and be named by ``outlet-pos doctor``.

- disk full: SQLite's page limit (``PRAGMA max_page_count``) on every connection,
  the database grows to its limit during a day of bookings; for doctor, the data
  directory on a tiny, filled tmpfs (a private mount namespace, where allowed);
- read-only: the data directory bind-mounted read-only in a private mount
  namespace (root), or ``chmod`` (other users);
- locked: a second process holds the database in exclusive locking mode for
  longer than the busy timeout;
- damaged: garbage over the b-tree page of each table a booking writes.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from outlet_pos.bootstrap import open_app
from outlet_pos.config import Settings
from outlet_pos.storage.db import BUSY_TIMEOUT_MS
from outlet_pos.storage.faults import StorageFault
from tests.conftest import open_today_for_the_cli

ROOT = Path(__file__).resolve().parents[2]
ORDER = ROOT / "examples" / "shipment.json"
CLI = [sys.executable, "-m", "outlet_pos.cli.main"]
# The real CLI, with SQLite's page limit at the database's current size on every connection.
FULL_DISK_CLI = [sys.executable, "-c", (
    "import sys\n"
    "from sqlalchemy import Engine, event\n"
    "@event.listens_for(Engine, 'connect')\n"
    "def _limit(dbapi, _):\n"
    "    n = dbapi.execute('pragma page_count').fetchone()[0]\n"
    "    dbapi.execute(f'pragma max_page_count={n}')\n"
    "from outlet_pos.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n")]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file system faults")


def cli(data_dir: Path, *args: str, stdin: str = "", prefix: list[str] | None = None,
        base: list[str] = CLI) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OUTLET_POS_KEYSTORE": "file", "PYTHONIOENCODING": "utf-8",
           "OUTLET_POS_LANG": "en", "PYTHONPATH": str(ROOT)}
    p = subprocess.run([*(prefix or []), *base, *args, "--data-dir", str(data_dir)],
                       input=stdin, capture_output=True, text=True, env=env, timeout=120)
    assert "Traceback" not in p.stderr and 'File "' not in p.stderr, p.stderr
    return p


def book_cli(data_dir: Path, **kw) -> subprocess.CompletedProcess[str]:
    return cli(data_dir, "book", "--json", str(ORDER), "--user", "kasir1", "--password-stdin",
               stdin="rahasia-kasir\n", **kw)


COUNTS = ("select count(*) from shipments",
          "select count(*) from outbox where kind='shipment.created'",
          "select count(*) from audit_log where action='shipment_booked'")


def counts(data_dir: Path) -> tuple[int, int, int]:
    """(shipments, their outbox events, their audit entries) straight from the file."""
    with contextlib.closing(sqlite3.connect(f"file:{data_dir / 'outlet.db'}?mode=ro",
                                            uri=True)) as c:
        return tuple(c.execute(q).fetchone()[0] for q in COUNTS)  # type: ignore[return-value]


def consistent(data_dir: Path) -> int:
    s, o, a = counts(data_dir)
    assert s == o == a, (s, o, a)
    return s


def one_clear_line(p: subprocess.CompletedProcess[str], *words: str) -> str:
    assert p.returncode != 0, p.stdout
    lines = [x for x in p.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("outlet-pos: "), p.stderr
    for w in words:
        assert w.lower() in lines[0].lower(), (w, lines[0])
    assert "Budi" not in p.stderr and "0812" not in p.stderr  # no personal data
    return lines[0]


@functools.cache
def can_mount() -> bool:
    """A private mount namespace with bind/tmpfs mounts (root on Linux, as in CI)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt"],
                          capture_output=True).returncode == 0


def read_only_prefix(data_dir: Path) -> list[str]:
    return ["unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"',
            str(data_dir)]


@contextlib.contextmanager
def read_only(data_dir: Path) -> Iterator[list[str]]:
    """The data directory read-only for the commands run with the prefix it yields."""
    if can_mount():
        yield read_only_prefix(data_dir)
        return
    if os.geteuid() == 0:
        pytest.skip("root ignores permissions and no private mount namespace is allowed")
    modes = {p: p.stat().st_mode for p in [data_dir, *data_dir.iterdir()]}
    for p in modes:
        p.chmod(0o500 if p.is_dir() else 0o400)
    try:
        yield []
    finally:
        for p, m in modes.items():
            p.chmod(m)


@contextlib.contextmanager
def locked(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the database in exclusive locking mode."""
    code = ("import sqlite3, sys\n"
            f"c = sqlite3.connect({str(data_dir / 'outlet.db')!r}, isolation_level=None)\n"
            "c.execute('pragma locking_mode=EXCLUSIVE')\n"
            "c.execute('begin exclusive')\n"
            "c.execute(\"update meta set value = value where key = 'outlet_name'\")\n"
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    try:
        yield holder
    finally:
        holder.communicate("", timeout=10)


def corrupt_page(data_dir: Path, table: str = "shipments") -> None:
    """Garbage over a table's root page (the app is closed, the WAL folded in)."""
    path = data_dir / "outlet.db"
    with contextlib.closing(sqlite3.connect(path)) as c:
        c.execute("pragma wal_checkpoint(TRUNCATE)")
        size = c.execute("pragma page_size").fetchone()[0]
        root = c.execute("select rootpage from sqlite_master where name=?", (table,))\
            .fetchone()[0]
    with path.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(bytes((i * 37 + 11) % 251 for i in range(size)))


# ---------------------------------------------------------------- disk full

def _limit_pages(engine: Engine):
    def limit(dbapi, _record) -> None:
        n = dbapi.execute("pragma page_count").fetchone()[0]
        dbapi.execute(f"pragma max_page_count={n}")

    event.listen(engine, "connect", limit)
    engine.dispose()  # new connections get the limit
    return lambda: (event.remove(engine, "connect", limit), engine.dispose())


def test_disk_full_mid_day_books_whole_shipments_or_none(app, clerk, manager, example_order,
                                                         sizes, figures):
    figures.describe("the database reaches its size limit during bookings (SQLite page "
                     "limit); each failed booking leaves nothing and says what to do")
    data_dir = app.settings.data_dir
    open_today_for_the_cli(app)
    for _ in range(sizes.io_rounds):
        lift = _limit_pages(app.db._engine())
        booked = consistent(data_dir)
        try:
            for _ in range(2000):  # fills the last free pages; then the disk is "full"
                try:
                    app.booking.book(clerk, example_order)
                except StorageFault as e:
                    fault = e
                    break
                booked += 1
            else:
                pytest.fail("the page limit never stopped a booking")
            assert fault.kind == "disk_full"
            assert "full" in str(fault) and "free" in str(fault).lower()
            assert consistent(data_dir) == booked  # the failed one left nothing
            with pytest.raises(StorageFault):  # and stays refused while full
                app.booking.book(clerk, example_order)
            # The real CLI, as the clerk's terminal runs it, against the same full disk.
            one_clear_line(book_cli(data_dir, base=FULL_DISK_CLI), "full", "free")
            assert consistent(data_dir) == booked
            figures.runs += 1
            figures.faults += 3
        finally:
            lift()
        assert app.admin.verify_audit(manager).ok
        app.booking.book(clerk, example_order)  # space again: booking works again
        assert consistent(data_dir) == booked + 1


# ---------------------------------------------------------------- read-only

def test_read_only_data_directory_is_named_and_nothing_is_half_written(app, clerk,
                                                                       example_order, sizes,
                                                                       figures):
    figures.describe("the data directory becomes read-only (read-only mount or "
                     "permissions); booking is refused with the fix, nothing half-written")
    data_dir = app.settings.data_dir
    app.booking.book(clerk, example_order)
    open_today_for_the_cli(app)
    app.close()
    before = counts(data_dir)
    for _ in range(sizes.io_rounds):
        with read_only(data_dir) as prefix:
            line = one_clear_line(book_cli(data_dir, prefix=prefix), "read-only")
            assert str(data_dir) in line and "writ" in line  # where, and the fix
        figures.runs += 1
        figures.faults += 1
    assert counts(data_dir) == before
    p = book_cli(data_dir)  # writable again: it books
    assert p.returncode == 0, p.stderr
    assert consistent(data_dir) == before[0] + 1


# ---------------------------------------------------------------- locked

def test_database_locked_by_another_process_beyond_the_busy_timeout(app, clerk,
                                                                    example_order, sizes,
                                                                    figures):
    figures.describe("another process holds the database locked longer than the busy "
                     f"timeout ({BUSY_TIMEOUT_MS // 1000} s); booking is refused, then works")
    data_dir = app.settings.data_dir
    app.booking.book(clerk, example_order)
    for round_ in range(sizes.io_rounds):
        before = counts(data_dir)
        app.db._engine().dispose()  # the app keeps no connection open, as between bookings
        with locked(data_dir):
            with pytest.raises(StorageFault) as got:
                app.booking.book(clerk, example_order)
            assert got.value.kind == "locked"
            assert "another program" in str(got.value) and "close" in str(got.value).lower()
            figures.faults += 1
            if round_ == 0:  # the real CLI once (it waits out the same busy timeout)
                one_clear_line(book_cli(data_dir), "locked", "another program")
                figures.faults += 1
        assert counts(data_dir) == before
        app.booking.book(clerk, example_order)  # the other program let go: it books
        assert consistent(data_dir) == before[0] + 1
        figures.runs += 1


# ---------------------------------------------------------------- damaged

DAMAGEABLE = ("shipments", "outbox", "audit_log")  # every table a booking writes


def test_damaged_page_is_reported_as_damage_with_the_way_out(app, clerk, example_order,
                                                             settings, clock, sizes, figures,
                                                             tmp_path):
    figures.describe("garbage over the b-tree page of each table a booking writes "
                     "(shipments, outbox, audit); booking names the damage and the way out, "
                     "the other tables untouched")
    app.booking.book(clerk, example_order)
    open_today_for_the_cli(app)
    app.close()
    pristine = settings.data_dir
    for round_ in range(max(len(DAMAGEABLE), sizes.io_rounds)):
        table = DAMAGEABLE[round_ % len(DAMAGEABLE)]
        data_dir = tmp_path / f"round-{round_}"
        shutil.copytree(pristine, data_dir)
        before = dict(zip(DAMAGEABLE, counts(data_dir), strict=True))
        corrupt_page(data_dir, table)
        one_clear_line(book_cli(data_dir), "damaged", "doctor", "backup")
        again = open_app(Settings(data_dir, keystore="file"), clock)
        try:
            with pytest.raises(StorageFault) as got:
                again.booking.book(again.auth.login("kasir1", "rahasia-kasir"), example_order)
        finally:
            again.close()
        assert got.value.kind == "corrupt"
        with contextlib.closing(sqlite3.connect(data_dir / "outlet.db")) as c:
            for other, query in zip(DAMAGEABLE, COUNTS, strict=True):
                if other != table:
                    assert c.execute(query).fetchone()[0] == before[other], other
        figures.runs += 1
        figures.faults += 2


# ---------------------------------------------------------------- doctor names each fault

def doctor(data_dir: Path, prefix: list[str] | None = None) -> dict[str, dict]:
    p = cli(data_dir, "doctor", "--json", prefix=prefix)
    assert p.returncode == 1, (p.stdout, p.stderr)  # a failed check: exit 1
    return {r["check"]: r for r in json.loads(p.stdout)}


def test_doctor_names_a_full_disk(app, tmp_path):
    if not can_mount():
        pytest.skip("a really full file system needs a private mount namespace (root)")
    app.close()
    small = tmp_path / "small"
    small.mkdir()
    script = ('mount -t tmpfs -o size=2m none "$0" && cp -a "$1" "$0/data" && '
              '(dd if=/dev/zero of="$0/filler" bs=64k 2>/dev/null || true) && shift && exec "$@"')
    prefix = ["unshare", "-m", "sh", "-c", script, str(small), str(app.settings.data_dir)]
    r = doctor(small / "data", prefix)
    assert r["disk"]["status"] == "fail" and "free" in r["disk"]["remedy"]


def test_doctor_names_a_read_only_data_directory(app):
    app.close()
    with read_only(app.settings.data_dir) as prefix:
        r = doctor(app.settings.data_dir, prefix)
    assert r["logs"]["status"] == "fail" and "write access" in r["logs"]["remedy"]


def test_doctor_names_a_lock(app):
    app.close()
    with locked(app.settings.data_dir):
        r = doctor(app.settings.data_dir)
    assert r["database"]["status"] == "fail" and "locked" in r["database"]["finding"]
    # A lock is not damage: close the other program, never "restore a backup".
    assert "close the other" in r["database"]["remedy"]
    assert "restore" not in r["database"]["remedy"]


def test_doctor_names_a_damaged_page(app):
    app.close()
    corrupt_page(app.settings.data_dir)
    r = doctor(app.settings.data_dir)
    assert r["database"]["status"] == "fail" and "damaged" in r["database"]["finding"]
    assert "restore" in r["database"]["remedy"]
