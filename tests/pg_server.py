"""A throw-away PostgreSQL server on loopback for tests of the central server.

``start_postgres(base_dir)`` runs ``initdb`` into ``base_dir`` (trust authentication, listening
only on 127.0.0.1 on a free TCP port, its unix socket inside ``base_dir``, fsync off), starts it
with ``pg_ctl -w`` and creates an empty database. ``PgServer.stop()`` stops it with
``pg_ctl stop -m fast``. When no server can be had, ``PgUnavailable`` says why.

PostgreSQL refuses to run as root, so when the tests run as root (CI) the server runs as the
``postgres`` system user that Debian's package creates (or ``nobody``), through ``runuser``
(or ``su``), in a directory that user owns. ``tools/ensure_postgres.sh`` installs the binaries.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "postgres"
DEFAULT_DB = "outlet_test"
# Debian keeps the server binaries out of PATH, one directory per major version.
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
UNPRIVILEGED_USERS = ("postgres", "nobody")
START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections
_SOCKET_PATH_MAX = 100  # sun_path is 108 bytes; ".s.PGSQL.NNNNN" goes after the directory
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class PgUnavailable(Exception):
    """No PostgreSQL server can be had here; the message says why."""

    @property
    def reason(self) -> str:
        return str(self)


def find_bindir() -> Path:
    """The directory holding initdb and pg_ctl: from PATH, else the newest Debian version."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl and Path(initdb).parent == Path(pg_ctl).parent:
        return Path(initdb).parent

    def version(d: str) -> tuple[int, ...]:
        return tuple(int(p) for p in re.findall(r"\d+", Path(d).parent.name))

    for d in sorted(glob.glob(DEBIAN_BIN_GLOB), key=version, reverse=True):
        if all(os.access(Path(d, exe), os.X_OK) for exe in ("initdb", "pg_ctl")):
            return Path(d)
    raise PgUnavailable(
        f"initdb/pg_ctl not found in PATH or {DEBIAN_BIN_GLOB} "
        "(install Debian's postgresql package: sh tools/ensure_postgres.sh as root)"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Runner:
    """Runs the server's commands as the current user, or, for root, as an unprivileged one."""

    def __init__(self) -> None:
        self.user: pwd.struct_passwd | None = None
        if os.geteuid() != 0:
            return
        for name in UNPRIVILEGED_USERS:
            with contextlib.suppress(KeyError):
                self.user = pwd.getpwnam(name)
                break
        else:
            raise PgUnavailable(
                "running as root and there is no unprivileged 'postgres' or 'nobody' user "
                "to run PostgreSQL as (it refuses to run as root)"
            )
        self.runuser = shutil.which("runuser")
        if not self.runuser and not shutil.which("su"):
            raise PgUnavailable("running as root and neither runuser nor su is available "
                                "to drop to an unprivileged user for PostgreSQL")

    def argv(self, cmd: list[str]) -> list[str]:
        if self.user is None:
            return cmd
        if self.runuser:
            return [self.runuser, "-u", self.user.pw_name, "--", *cmd]
        return ["su", "-s", "/bin/sh", "-c", shlex.join(cmd), self.user.pw_name]

    def run(self, cmd: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess:
        return subprocess.run(self.argv(cmd), cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, check=False, stdin=subprocess.DEVNULL)

    def give(self, path: Path) -> None:
        """Make ``path`` (a directory) owned by the user the server runs as."""
        if self.user is not None:
            os.chown(path, self.user.pw_uid, self.user.pw_gid)

    def can_use(self, path: Path) -> bool:
        """Whether that user can reach and write ``path`` (root's pytest tmp dirs are 0700)."""
        if self.user is None:
            return True
        probe = self.run(["test", "-w", str(path), "-a", "-x", str(path)], path, 30)
        return probe.returncode == 0


def _tail(text: str, lines: int = 5) -> str:
    return " | ".join(ln.strip() for ln in text.strip().splitlines()[-lines:] if ln.strip())


class PgServer:
    """A running test server. ``url`` is an SQLAlchemy URL (psycopg driver) to an empty database."""

    def __init__(self, bindir: Path, workdir: Path, runner: _Runner) -> None:
        self.bindir = bindir
        self.workdir = workdir
        self.datadir = workdir / "data"
        self.logfile = workdir / "server.log"
        self.host = "127.0.0.1"
        self.port = 0
        self.user = SUPERUSER
        self.url = ""
        self.started_in = 0.0  # seconds pg_ctl start took
        self._runner = runner
        self._cleanup: list[Path] = []  # directories made outside base_dir, removed on stop
        self._running = False

    @property
    def os_user(self) -> pwd.struct_passwd | None:
        """The system user the server runs as when the tests run as root (else None: ours)."""
        return self._runner.user

    def url_for(self, dbname: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def new_database(self, name: str) -> str:
        """Create an empty database ``name`` and return its SQLAlchemy URL."""
        if not _NAME.fullmatch(name):
            raise ValueError(f"database name must match {_NAME.pattern}: {name!r}")
        import psycopg

        with psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres",
                             autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def stop(self) -> None:
        if self._running:
            self._running = False
            self._runner.run([str(self.bindir / "pg_ctl"), "stop", "-D", str(self.datadir),
                              "-m", "fast", "-w", "-t", "60"], self.workdir, 90)
        while self._cleanup:
            shutil.rmtree(self._cleanup.pop(), ignore_errors=True)

    def log_tail(self, lines: int = 5) -> str:
        try:
            return _tail(self.logfile.read_text(errors="replace"), lines)
        except OSError:
            return ""

    def __enter__(self) -> PgServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"PgServer({self.url!r}, datadir={str(self.datadir)!r})"


def start_postgres(base_dir: Path, settings: dict[str, str] | None = None) -> PgServer:
    """initdb into ``base_dir``, start the server, create an empty database; see the module doc.

    ``settings`` (postgresql.conf names to values, quoted as the file wants them) go after the
    test server's own, so they win: tools/central_stack.py starts the deployment recipe's."""
    bindir = find_bindir()
    runner = _Runner()
    base_dir = Path(base_dir).resolve()
    base_dir.mkdir(parents=True, exist_ok=True)
    workdir, cleanup = base_dir, []
    runner.give(base_dir)
    if not runner.can_use(base_dir):
        # The server's user cannot reach base_dir (a 0700 parent such as /tmp/pytest-of-root):
        # use a fresh directory in the system tmp dir instead, removed again on stop().
        workdir = Path(tempfile.mkdtemp(prefix="outlet-pg-"))
        cleanup.append(workdir)
        runner.give(workdir)
        if not runner.can_use(workdir):
            shutil.rmtree(workdir, ignore_errors=True)
            raise PgUnavailable(f"user {runner.user.pw_name!r} cannot write {base_dir} "
                                f"nor {workdir}")

    server = PgServer(bindir, workdir, runner)
    server._cleanup.extend(cleanup)
    try:
        _initdb(server, settings or {})
        _start(server)
        server.url = server.new_database(DEFAULT_DB)
    except PgUnavailable:
        server.stop()
        raise
    except Exception as exc:
        server.stop()
        detail = server.log_tail()
        raise PgUnavailable(f"{type(exc).__name__}: {exc}"
                            + (f" (server log: {detail})" if detail else "")) from exc
    atexit.register(server.stop)  # in case the caller never gets to stop it
    return server


def _initdb(server: PgServer, extra: dict[str, str]) -> None:
    runner = server._runner
    res = runner.run([str(server.bindir / "initdb"), "-D", str(server.datadir),
                      "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-locale",
                      "--no-sync"], server.workdir, 120)
    if res.returncode != 0:
        raise PgUnavailable(f"initdb failed (exit {res.returncode}): "
                            f"{_tail(res.stderr or res.stdout)}")
    sockdir = server.workdir / "sock"
    if len(str(sockdir)) > _SOCKET_PATH_MAX - len("/.s.PGSQL.65535"):
        # Deep tmp paths overflow the unix socket path limit; the socket then lives elsewhere.
        sockdir = Path(tempfile.mkdtemp(prefix="outlet-pgs-"))
        server._cleanup.append(sockdir)
    sockdir.mkdir(exist_ok=True)
    runner.give(sockdir)
    conf = server.datadir / "postgresql.conf"
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "unix_socket_directories": "'" + str(sockdir).replace("'", "''") + "'",
        # A test server: durability is not wanted, speed is.
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "100",
        "logging_collector": "off",
    }
    # Appended as root when running as root: the file stays owned by the server's user.
    with conf.open("a") as f:
        f.write("\n# tests/pg_server.py\n")
        f.writelines(f"{k} = {v}\n" for k, v in settings.items())
        if extra:
            f.write("\n# the caller's settings\n")
            f.writelines(f"{k} = {v}\n" for k, v in extra.items())


def _start(server: PgServer, attempts: int = 3) -> None:
    """pg_ctl -w start on a free port; another try on a new port if that one got taken."""
    conf = server.datadir / "postgresql.conf"
    base_conf = conf.read_text()
    for attempt in range(attempts):
        server.port = free_port()
        conf.write_text(base_conf + f"port = {server.port}\n")
        t0 = time.monotonic()
        res = server._runner.run([str(server.bindir / "pg_ctl"), "start", "-w",
                                  "-t", str(START_TIMEOUT), "-D", str(server.datadir),
                                  "-l", str(server.logfile)],
                                 server.workdir, START_TIMEOUT + 30)
        if res.returncode == 0:
            server._running = True
            server.started_in = time.monotonic() - t0
            return
        log = server.log_tail(8)
        if "could not bind" in log and attempt + 1 < attempts:
            continue
        # pg_ctl may have left a half-started server behind on a timeout.
        server._running = True
        raise PgUnavailable(f"pg_ctl start failed (exit {res.returncode}): "
                            f"{_tail(res.stderr or res.stdout)}"
                            + (f" | server log: {log}" if log else ""))
