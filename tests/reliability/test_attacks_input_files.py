"""Hostile files handed to the outlet and the central server's admin commands (issue 16,
finding 10: "JSON nested 100,000 deep gives exit 1 and a stack trace").

- a provisioning file nested 100,000 deep: a clear provisioning error, no RecursionError;
- a tariff table nested deep, or a small gzip that unpacks to far more than any tariff:
  refused with a clear ValueError before the whole thing is held in memory;
- ``outlet-pos-central tariffs import`` and ``service-points import`` given such files, or
  JSON that is not JSON: exit 2, a message naming the file, no traceback.
"""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from pathlib import Path

import pytest

from outlet_pos.refdata import tariffs
from outlet_pos.refdata.tariffs import tariff_from_bytes
from outlet_pos.sync.client import CONFIG, SyncError
from outlet_pos.sync.enroll import read_provisioning

DEEP = "[" * 100_000 + "]" * 100_000


def _gzip(raw: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as f:
        f.write(raw)
    return buf.getvalue()


def test_a_deep_provisioning_file_is_a_clear_provisioning_error(tmp_path):
    path = tmp_path / "outlet7.provisioning.json"
    path.write_text('{"format": "outlet-pos-provisioning", "server": ' + DEEP + "}",
                    encoding="utf-8")
    with pytest.raises(SyncError) as e:
        read_provisioning(path)
    assert e.value.kind == CONFIG
    assert path.name in str(e.value.message) and "provisioning" in str(e.value.message)


def test_a_provisioning_file_that_is_a_list_is_refused_too(tmp_path):
    path = tmp_path / "p.json"
    path.write_text("[1, 2, 3]", encoding="utf-8")
    with pytest.raises(SyncError) as e:
        read_provisioning(path)
    assert e.value.kind == CONFIG


@pytest.mark.parametrize("packed", [False, True], ids=["plain", "gzip"])
def test_a_deep_tariff_is_a_clear_error(packed):
    raw = ('{"version": "x", "rates": ' + DEEP + "}").encode()
    with pytest.raises(ValueError, match="deep"):
        tariff_from_bytes(_gzip(raw) if packed else raw)


def test_a_gzip_bomb_is_refused_before_it_is_unpacked_whole(monkeypatch):
    # 64 MiB of spaces packs into ~64 KB; no tariff is near that size.
    bomb = _gzip(b" " * (64 * 1024 * 1024))
    assert len(bomb) < 200_000
    read: list[int] = []
    real = gzip.GzipFile.read

    def counting(self, size=-1):
        out = real(self, size)
        read.append(len(out))
        return out

    monkeypatch.setattr(gzip.GzipFile, "read", counting)
    with pytest.raises(ValueError, match="larger than"):
        tariff_from_bytes(bomb)
    assert read and max(read) <= tariffs.MAX_TARIFF_BYTES + 1


def test_the_sample_tariff_still_loads():
    assert tariff_from_bytes(tariffs._sample_bytes()).rates


def _central(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    p = subprocess.run([sys.executable, "-m", "outlet_pos.central.cli", *args,
                        "--db", f"sqlite:///{tmp_path / 'central.db'}",
                        "--secrets", str(tmp_path / "central.secrets")],
                       capture_output=True, text=True, timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


@pytest.mark.parametrize("what,content", [
    ("deep", DEEP.encode()),
    ("not-json", b"{this is not json"),
    ("not-utf8", b"\xff\xfe{}"),
    ("bomb", _gzip(b" " * (40 * 1024 * 1024))),
])
@pytest.mark.parametrize("command", ["tariffs", "service-points"])
def test_central_imports_refuse_bad_json_with_exit_2(tmp_path, command, what, content):
    path = tmp_path / f"{what}.json"
    path.write_bytes(content)
    p = _central(tmp_path, command, "import", str(path))
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert path.name in p.stderr or "tariff" in p.stderr


@pytest.mark.parametrize("content", [b'{"code": "A"}', b"[1, 2]", b'[["code", "A"]]'])
def test_service_points_that_are_not_a_list_of_objects_are_exit_2(tmp_path, content):
    path = tmp_path / "points.json"
    path.write_bytes(content)
    p = _central(tmp_path, "service-points", "import", str(path))
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert "points.json" in p.stderr


def test_a_deep_answer_from_the_server_is_a_sync_error_not_a_crash():
    # A compromised or broken central server must not crash the outlet's sync worker.
    import requests

    from outlet_pos.sync.client import SyncClient

    r = requests.Response()
    r.status_code = 200
    r._content = DEEP.encode()
    r.headers["Content-Type"] = "application/json"
    client = SyncClient("http://127.0.0.1:9")
    try:
        with pytest.raises(SyncError):
            client._json(r)
    finally:
        client.close()
