"""The deployment recipe of docs/central.md, started for real on loopback.

PostgreSQL with deploy/postgresql.conf's settings, the schema brought up to date once
against PostgreSQL directly (``outlet-pos-central db upgrade``), PgBouncer in transaction
pooling mode in front of it (deploy/pgbouncer.ini), N ``outlet-pos-central serve``
processes on their own ports pointing at PgBouncer, and HAProxy in front balancing them
(deploy/haproxy.cfg: leastconn, health-checked on /v1/ready). Stopped in reverse order,
each part gracefully (the serve processes drain on SIGTERM).

    with central_stack(processes=2, tls=True) as stack:
        stack.url          # HAProxy: where the outlets send (https with tls=True)
        stack.ca_path      # with tls=True: the test CA the outlets pin (their ca_bundle)
        stack.pg_dsn       # SQLAlchemy URL straight to PostgreSQL (checks, migrations)
        stack.pool_dsn     # the same database through PgBouncer (what the processes use)
        stack.pids         # the serve processes' pids, by index
        stack.part_pids()  # PostgreSQL's, PgBouncer's and HAProxy's
        stack.kill(i)      # SIGKILL process i (a crash); stack.start(i) brings it back
        stack.secrets_path

Used by tests/reliability/test_lb_failover.py and benchmarks/bench_fleet.py. When a part
cannot be had (no haproxy, pgbouncer or PostgreSQL: tools/ensure_haproxy.sh and
tools/ensure_postgres.sh install them), ``StackUnavailable`` says which.

CLI: ``python tools/central_stack.py up [--processes N] [--tls]`` runs it until Ctrl-C
(or a plain kill), printing where each part listens; ``... render --out DIR`` writes a
real host's configuration files from the same templates (docs/central.md).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: tests.pg_server is imported from the checkout
    sys.path.insert(0, str(ROOT))

from tests.pg_server import PgServer, PgUnavailable, free_port, start_postgres  # noqa: E402
from tools.deploy_config import pg_settings, render_host  # noqa: E402
from tools.stack_daemons import (  # noqa: E402
    StackUnavailable,
    children_of,
    find_exe,
    haproxy_rows,
    http_status,
    make_tls,
    start_haproxy,
    start_pgbouncer,
    stop,
    tail,
)

__all__ = ["ROOT", "Stack", "StackUnavailable", "central_stack"]
DBNAME = "outlet_central"
START_TIMEOUT = 120.0  # seconds for a serve process to answer: a busy 2-core machine
STOP_GRACE = 20.0  # seconds a part gets to stop gracefully before it is killed
# serve --drain-seconds: HAProxy's check every 0.5 s here x fall 2, as the unit's 5 s is
# 2 s x 2 (deploy/systemd/outlet-pos-central@.service)
DRAIN_S = 1.5


@dataclass
class Stack:
    """A running recipe; see the module doc. Made by ``central_stack``."""

    workdir: Path
    processes: int
    serve_args: tuple[str, ...] = ()
    pgbouncer: bool = True
    tls: bool = False  # TLS ends at HAProxy, with a test CA the outlets pin (ca_path)
    pg: PgServer | None = None
    pg_dsn: str = ""
    pool_dsn: str = ""
    url: str = ""
    stats_url: str = ""
    ready_path: str = "/v1/ready"  # HAProxy's health check (deploy/haproxy.cfg)
    ports: list[int] = field(default_factory=list)
    secrets_path: Path = field(init=False)
    ca_path: Path | None = None
    _servers: list[subprocess.Popen[bytes] | None] = field(default_factory=list)
    _bouncer: subprocess.Popen[bytes] | None = None
    _haproxy: subprocess.Popen[bytes] | None = None
    _logs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds each part took to start

    def __post_init__(self) -> None:
        self.secrets_path = self.workdir / "central.secrets"

    # ------------------------------------------------------------ the serve processes
    @property
    def pids(self) -> list[int | None]:
        """Each serve process's pid, or None for one that is not running."""
        return [p.pid if p is not None and p.poll() is None else None for p in self._servers]

    def part_pids(self) -> dict[str, list[int]]:
        """The other parts' processes (for their CPU and memory): PostgreSQL's postmaster
        and its children, PgBouncer, HAProxy. PostgreSQL's data directory may lie outside
        ``workdir`` (tests/pg_server.py), so its pid comes from postmaster.pid."""
        out: dict[str, list[int]] = {"postgres": [], "pgbouncer": [], "haproxy": []}
        for name, proc in (("pgbouncer", self._bouncer), ("haproxy", self._haproxy)):
            if proc is not None and proc.poll() is None:
                out[name].append(proc.pid)
        if self.pg is not None:
            with contextlib.suppress(OSError, ValueError, IndexError):
                master = int((self.pg.datadir / "postmaster.pid").read_text().split()[0])
                out["postgres"] = [master, *children_of(master)]
        return out

    def server_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.ports[i]}"

    def start(self, i: int, wait: bool = True) -> None:
        """Start serve process ``i`` (again), on its own port."""
        log = self.workdir / f"serve-{i}.log"
        with log.open("ab") as out:
            self._servers[i] = subprocess.Popen(
                [sys.executable, "-m", "outlet_pos.central.cli", "serve",
                 "--db", self.pool_dsn, "--secrets", str(self.secrets_path),
                 "--host", "127.0.0.1", "--port", str(self.ports[i]),
                 "--drain-seconds", str(DRAIN_S), *self.serve_args],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=ROOT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        if wait:
            self._wait_served(i)

    def kill(self, i: int, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` (a crash by default) to serve process ``i`` and reap it."""
        proc = self._servers[i]
        if proc is not None and proc.poll() is None:
            proc.send_signal(sig)
            proc.wait(STOP_GRACE if sig != signal.SIGKILL else 10)

    def _wait_served(self, i: int) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while http_status(self.server_url(i) + "/v1/health") != 200:
            proc = self._servers[i]
            if proc is None or proc.poll() is not None or time.monotonic() > deadline:
                raise StackUnavailable(f"serve process {i} did not start: "
                                       + tail(self.workdir / f"serve-{i}.log"))
            time.sleep(0.1)

    # ------------------------------------------------------------ HAProxy's view
    def _stats(self) -> list[dict[str, str]]:
        return haproxy_rows(self.stats_url)

    def backend_states(self) -> dict[str, str]:
        """HAProxy's state of each process ("p0": "UP", "p1": "DOWN", ...)."""
        return {r["svname"]: r["status"].split()[0] for r in self._stats()}

    def served_by(self) -> dict[str, int]:
        """Requests HAProxy has sent to each process so far ("stot")."""
        return {r["svname"]: int(r["stot"] or 0) for r in self._stats()}

    def wait_states(self, want: dict[str, str], timeout: float = 30.0) -> None:
        """Wait until HAProxy sees each named process in the wanted state."""
        deadline = time.monotonic() + timeout
        while True:
            states = self.backend_states()
            if all(states.get(k) == v for k, v in want.items()):
                return
            if time.monotonic() > deadline:
                raise StackUnavailable(f"HAProxy sees {states}, not {want}")
            time.sleep(0.1)

    # ------------------------------------------------------------ start and stop
    def up(self) -> Stack:
        haproxy = find_exe("haproxy")
        bouncer = find_exe("pgbouncer") if self.pgbouncer else None
        self.workdir.mkdir(parents=True, exist_ok=True)
        # A caller that dies without its finally (an unhandled error at exit) still leaves
        # no daemons on a shared machine; down() twice is harmless.
        atexit.register(self.down)
        t = time.monotonic()
        try:
            self.pg = start_postgres(self.workdir / "pg", settings=pg_settings())
        except PgUnavailable as e:
            raise StackUnavailable(f"PostgreSQL: {e.reason}") from None
        self.pg.new_database(DBNAME)
        self.pg_dsn = self.pg.url_for(DBNAME)
        t = self._took("postgresql", t)
        self._make_secrets()
        self._upgrade()
        t = self._took("db upgrade", t)
        if bouncer:
            self._bouncer, self.pool_dsn, log = start_pgbouncer(bouncer, self.pg, DBNAME,
                                                                self.processes)
            self._logs.append(log)
        else:
            self.pool_dsn = self.pg_dsn
        t = self._took("pgbouncer", t)
        self.ports = [free_port() for _ in range(self.processes)]
        self._servers = [None] * self.processes
        for i in range(self.processes):  # all start at once: each takes seconds to import
            self.start(i, wait=False)
        for i in range(self.processes):
            self._wait_served(i)
        t = self._took("serve processes", t)
        tls_pem = None
        if self.tls:
            self.ca_path, tls_pem = make_tls(self.workdir)
        self._haproxy, self.url, self.stats_url = start_haproxy(
            haproxy, self.workdir, self.ports, self.ready_path, tls_pem)
        self.wait_states({f"p{i}": "UP" for i in range(self.processes)})
        self._took("haproxy", t)
        return self

    def _took(self, part: str, since: float) -> float:
        now = time.monotonic()
        self.timings[part] = round(now - since, 2)
        return now

    def _make_secrets(self) -> None:
        from outlet_pos.central.secrets_file import load_or_create

        load_or_create(self.secrets_path)

    def _upgrade(self) -> None:
        """``outlet-pos-central db upgrade`` straight to PostgreSQL, before any process
        starts (in this process: the same command, without a second interpreter's start).
        An upgrade is one long transaction under an advisory lock: through PgBouncer it
        would hold a pooled server connection for its whole length (and each process
        starting meanwhile another one, waiting on the lock), and a session-level lock
        would not hold at all."""
        from outlet_pos.central.cli import main as central_cli

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = central_cli(["db", "upgrade", "--db", self.pg_dsn])
        if code != 0:
            why = (err.getvalue() or out.getvalue()).strip()[-500:]
            raise StackUnavailable(f"db upgrade failed: {why}")

    def down(self) -> None:
        """HAProxy soft-stops (finishes open requests), the processes drain, then
        PgBouncer and PostgreSQL stop."""
        t = time.monotonic()
        stop(self._haproxy, signal.SIGUSR1, 5.0)
        t = self._took("stop haproxy", t)
        for proc in self._servers:
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self._servers:
            stop(proc, signal.SIGTERM, STOP_GRACE)
        t = self._took("stop serve processes", t)
        stop(self._bouncer, signal.SIGINT, 5.0)  # SIGINT: PgBouncer's safe shutdown
        t = self._took("stop pgbouncer", t)
        if self.pg is not None:
            self.pg.stop()
        self._took("stop postgresql", t)


@contextlib.contextmanager
def central_stack(processes: int = 2, workdir: Path | None = None, *,
                  serve_args: Sequence[str] = (), pgbouncer: bool = True,
                  tls: bool = False) -> Iterator[Stack]:
    """The recipe on loopback for the length of the ``with``; see the module doc.

    ``serve_args`` go to every ``outlet-pos-central serve`` (e.g. its limits)."""
    import tempfile

    own = workdir is None
    base = Path(tempfile.mkdtemp(prefix="outlet-stack-")) if workdir is None else workdir
    stack = Stack(Path(base), processes, tuple(serve_args), pgbouncer, tls)
    try:
        stack.up()
        yield stack
    finally:
        stack.down()
        if own:
            shutil.rmtree(base, ignore_errors=True)


class _Stop(Exception):
    pass


def _raise_stop(_sig: int, _frame: object) -> None:
    raise _Stop


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="central_stack", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start the recipe on loopback and keep it until Ctrl-C")
    up.add_argument("--processes", type=int, default=2)
    up.add_argument("--workdir", type=Path)
    up.add_argument("--no-pgbouncer", action="store_true")
    up.add_argument("--tls", action="store_true", help="TLS at HAProxy, with a test CA")
    rd = sub.add_parser("render", help="write a host's haproxy.cfg, pgbouncer.ini and "
                        "userlist.txt (docs/central.md) into a directory, to review")
    rd.add_argument("--out", type=Path, required=True)
    rd.add_argument("--processes", type=int, default=4)
    rd.add_argument("--first-port", type=int, default=8001)
    rd.add_argument("--cert", default="/etc/haproxy/certs/central.pem")
    rd.add_argument("--db-listen", default="127.0.0.1",
                    help="PgBouncer's address (the database host's private one)")
    a = p.parse_args(argv)
    if a.command == "render":
        for path in render_host(a.out, a.processes, first_port=a.first_port, cert=a.cert,
                                db_listen=a.db_listen):
            print(path)
        return 0
    # Ctrl-C or a plain kill stops the stack through its finally (a shell's background job
    # would otherwise start with SIGINT ignored).
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _raise_stop)
    try:
        with central_stack(a.processes, a.workdir, pgbouncer=not a.no_pgbouncer,
                           tls=a.tls) as stack:
            print(f"started in {stack.timings} s")
            print(f"outlets send to  {stack.url}\nHAProxy stats    {stack.stats_url}\n"
                  f"PostgreSQL       {stack.pg_dsn}\nthrough PgBouncer {stack.pool_dsn}\n"
                  f"processes        {stack.pids} on ports {stack.ports}\n"
                  f"key file         {stack.secrets_path}\nCA to pin        {stack.ca_path}\n"
                  "Ctrl-C stops it.", flush=True)
            with contextlib.suppress(_Stop):
                while True:
                    signal.pause()
    except StackUnavailable as e:
        print(f"central_stack: {e.reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
