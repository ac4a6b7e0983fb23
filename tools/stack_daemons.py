"""The recipe's two daemons on loopback: PgBouncer and HAProxy, configured from deploy/.

tools/central_stack.py starts them in their place in the recipe; this module knows how
each is configured, started, waited for and asked about its state. Both run in the
foreground as children of the caller (no daemonising, no pid files to trust).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.pg_server import PgServer, free_port
from tools.deploy_config import BOUNCER_POOL_SIZE, CLIENTS_PER_PROCESS, render

# Debian puts haproxy and pgbouncer in /usr/sbin, which a non-login shell may lack.
SBIN = "/usr/local/sbin:/usr/sbin:/sbin"
BACKEND = "central_processes"  # deploy/haproxy.cfg's backend; its servers are p0, p1, ...


class StackUnavailable(Exception):
    """A part of the recipe cannot be started here; the message says which and why."""

    @property
    def reason(self) -> str:
        return str(self)


def find_exe(name: str) -> str:
    exe = shutil.which(name, path=os.environ.get("PATH", "") + os.pathsep + SBIN)
    if exe is None:
        raise StackUnavailable(f"{name} not found (install Debian's haproxy and pgbouncer: "
                               "sh tools/ensure_haproxy.sh as root)")
    return exe


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no env proxies


def http_status(url: str, timeout: float = 2.0, ca: Path | None = None) -> int | None:
    """The status of GET ``url``, None if no answer (``ca``: the CA to trust for https)."""
    import ssl

    ctx = ssl.create_default_context(cafile=str(ca)) if ca else None
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                         urllib.request.HTTPSHandler(context=ctx))
    try:
        with opener.open(url, timeout=timeout) as r:
            return int(r.status)
    except urllib.error.HTTPError as e:
        return int(e.code)
    except (OSError, ValueError):
        return None


def stop(proc: subprocess.Popen[bytes] | None, sig: int, grace: float) -> None:
    """Send ``sig``, wait ``grace`` seconds, then kill."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def children_of(parent: int) -> list[int]:
    """The pids whose parent is ``parent`` (from /proc: Linux)."""
    out = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if int((p / "stat").read_text().rsplit(")", 1)[1].split()[1]) == parent:
                    out.append(int(p.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


def tail(path: Path, lines: int = 8) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return f"(no {path.name})"
    return " | ".join(ln.strip() for ln in text.strip().splitlines()[-lines:] if ln.strip())


def start_pgbouncer(exe: str, pg: PgServer, dbname: str, processes: int
                    ) -> tuple[subprocess.Popen[bytes], str, Path]:
    """PgBouncer in front of ``pg``'s ``dbname``, sized for ``processes`` serve processes:
    (the process, the servers' SQLAlchemy URL through it, its log)."""
    # PgBouncer refuses to run as root: it runs as the database's own system user, in a
    # directory that user owns.
    home = pg.workdir / "pgbouncer"
    home.mkdir(exist_ok=True)
    user = pg.os_user
    if user is not None:
        os.chown(home, user.pw_uid, user.pw_gid)
    port = free_port()
    (home / "userlist.txt").write_text(render("userlist.txt", user=pg.user, secret=""))
    ini, log = home / "pgbouncer.ini", home / "pgbouncer.log"
    ini.write_text(render(
        "pgbouncer.ini", dbname=dbname, pg_host=pg.host, pg_port=pg.port,
        listen_addr="127.0.0.1", listen_port=port, unix_socket_dir="", logfile=log,
        pidfile=home / "pgbouncer.pid", auth_type="trust", auth_file=home / "userlist.txt",
        default_pool_size=BOUNCER_POOL_SIZE,
        max_client_conn=processes * CLIENTS_PER_PROCESS + 50, admin_users=pg.user))
    kw = {"user": user.pw_uid, "group": user.pw_gid} if user is not None else {}
    proc = subprocess.Popen([exe, str(ini)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                            cwd=home, **kw)  # type: ignore[call-overload]
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(host="127.0.0.1", port=port, user=pg.user, dbname=dbname,
                                 connect_timeout=2, prepare_threshold=None,
                                 autocommit=True) as conn:
                conn.execute("SELECT 1")
            break
        except psycopg.OperationalError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc, 15, 5)
                raise StackUnavailable("PgBouncer did not start: " + tail(log)) from None
            time.sleep(0.1)
    # Transaction pooling cannot carry psycopg's automatic prepared statements.
    return proc, f"postgresql+psycopg://{pg.user}@127.0.0.1:{port}/{dbname}" \
        "?prepare_threshold=none", log


def make_tls(workdir: Path) -> tuple[Path, Path]:
    """A test CA and a certificate for 127.0.0.1 it signed: (the CA's PEM, which the
    outlets pin; HAProxy's PEM: certificate, chain and key in one file, as ``crt`` wants)."""
    import trustme

    ca = trustme.CA(organization_name="Outlet POS test CA")
    ca_pem, server_pem = workdir / "ca.pem", workdir / "haproxy-server.pem"
    ca.cert_pem.write_to_path(str(ca_pem))
    fd = os.open(server_pem, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # holds the key
    with os.fdopen(fd, "wb") as f:
        f.write(ca.issue_cert("127.0.0.1", "localhost").private_key_and_cert_chain_pem.bytes())
    return ca_pem, server_pem


def _haproxy_maxconn(wanted: int = 4000) -> int:
    """HAProxy wants two descriptors per connection and refuses to start when it cannot
    raise its limit that far: a non-root user's hard limit may be low."""
    import resource

    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard == resource.RLIM_INFINITY or os.geteuid() == 0:
        return wanted
    return max(100, min(wanted, hard // 2 - 100))


def start_haproxy(exe: str, workdir: Path, ports: list[int], ready_path: str,
                  tls_pem: Path | None = None) -> tuple[subprocess.Popen[bytes], str, str]:
    """HAProxy balancing 127.0.0.1:``ports`` (TLS ending here with ``tls_pem``):
    (the process, the outlets' URL, the statistics page's URL)."""
    port, stats = free_port(), free_port()
    servers = "\n".join(f"    server p{i} 127.0.0.1:{p} check" for i, p in enumerate(ports))
    bind = f"127.0.0.1:{port}" + (f" ssl crt {tls_pem} alpn http/1.1" if tls_pem else "")
    cfg, log = workdir / "haproxy.cfg", workdir / "haproxy.log"
    cfg.write_text(render(
        "haproxy.cfg", global_extra="    log stderr format raw local0 notice",
        maxconn=_haproxy_maxconn(),
        bind=bind, ready_path=ready_path, check_interval="500ms", server_maxconn=200,
        servers=servers, stats_bind=f"127.0.0.1:{stats}"))
    check = subprocess.run([exe, "-c", "-q", "-f", str(cfg)], capture_output=True, text=True,
                           check=False)
    if check.returncode != 0:
        raise StackUnavailable(f"haproxy refused {cfg}: {check.stderr.strip()[-500:]}")
    with log.open("ab") as out:
        proc = subprocess.Popen([exe, "-db", "-f", str(cfg)], stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"{'https' if tls_pem else 'http'}://127.0.0.1:{port}"
    ca = tls_pem.parent / "ca.pem" if tls_pem else None
    deadline = time.monotonic() + 30
    while http_status(url + "/v1/health", ca=ca) != 200:
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc, 15, 5)
            raise StackUnavailable("HAProxy did not start: " + tail(log))
        time.sleep(0.1)
    return proc, url, f"http://127.0.0.1:{stats}/stats"


def haproxy_rows(stats_url: str) -> list[dict[str, str]]:
    """HAProxy's CSV statistics, a row per serve process (svname "p0", "p1", ...)."""
    with _opener().open(stats_url + ";csv", timeout=5) as r:
        lines = r.read().decode().splitlines()
    head = lines[0].lstrip("# ").split(",")
    rows = [dict(zip(head, ln.split(","), strict=False)) for ln in lines[1:] if ln]
    return [r for r in rows if r.get("pxname") == BACKEND and r["svname"].startswith("p")]
