"""A real central server for tests: uvicorn on 127.0.0.1 in a thread (or with TLS).

``CentralServer(db_url, secrets)`` can be stopped and started again on the same
port and database, to play "the server was down".
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn

from outlet_pos.central.db import make_engine, utc_now
from outlet_pos.central.enrollment import add_outlet
from outlet_pos.central.reference import import_tariff
from outlet_pos.central.secrets_file import load_or_create
from outlet_pos.refdata.tariffs import load_sample_tariff


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CentralServer:
    def __init__(self, workdir: Path, db_url: str | None = None, *, tls: tuple[str, str] |
                 None = None, port: int | None = None, **app_options: Any) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.db_url = db_url or f"sqlite:///{workdir / 'central.db'}"
        self.secrets = load_or_create(workdir / "central.secrets")
        self.engine = make_engine(self.db_url)
        self.port = port or free_port()
        self.tls = tls
        self.app_options = app_options  # more of create_app's keywords
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> CentralServer:
        from outlet_pos.central.app import create_app
        from outlet_pos.central.limits import Limits

        # one test server enrolls many outlets from 127.0.0.1: no enrollment rate limit
        app = create_app(self.engine, self.secrets, limits=Limits(enroll_attempts=10**6),
                         **self.app_options)
        self.app = app
        config = uvicorn.Config(app, host="127.0.0.1",
                                port=self.port, log_level="warning", access_log=False,
                                ssl_certfile=self.tls[0] if self.tls else None,
                                ssl_keyfile=self.tls[1] if self.tls else None,
                                timeout_keep_alive=30, timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("central server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            assert self._thread is not None
            self._thread.join(15)
            self._server = None

    def add_outlet(self, number: int, name: str = "Outlet Uji", origin: str | None = None) -> str:
        return add_outlet(self.engine, utc_now, number, name, origin)

    def publish_sample_tariff(self, version: str | None = None, bump: int = 0) -> dict:
        data = load_sample_tariff().to_dict()
        if version:
            data["version"] = version
        if bump:
            for row in list(data["rates"].values())[:bump]:
                for v in row.values():
                    v[0] += 500
        import_tariff(self.engine, self.secrets, utc_now, data)
        return data

    def close(self) -> None:
        self.stop()
        self.engine.dispose()
