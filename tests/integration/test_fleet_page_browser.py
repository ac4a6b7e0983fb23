"""The fleet page in a real browser (issue 20): Debian's Chromium, headless, through Python's
playwright (its own browser downloads are never used), against a real central server.

An operator logs in by typing, reads the fleet, shows all terminals, sorts, logs out; the
page's own Content-Security-Policy lets its style sheet load and nothing breaks it; the
session cookie is out of the page's reach (HttpOnly); a form posted from another site does
not log the operator out (SameSite=Strict and the CSRF token).

    OUTLET_POS_FLEET_SCREENSHOT=docs/images/central-fleet-page.png \
        .venv/bin/python -m pytest tests/integration/test_fleet_page_browser.py

also saves the screenshot the README shows.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, update

from outlet_pos.central.db import iso, utc_now
from outlet_pos.central.enrollment import add_outlet, provision
from outlet_pos.central.fleet import record
from outlet_pos.central.models import Device
from outlet_pos.central.operators import add_operator
from outlet_pos.protocol.health import HealthReport
from tests.central_server import CentralServer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "Soto-Betawi-Tebet-2026"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed "
                               "(pip install -e '.[dev]')")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=(
    f"{CHROMIUM} not found: the fleet page's browser tests need Debian's chromium "
    "(sh tools/ensure_chromium.sh installs it)"))

# (outlet, terminal, version, seen ago, queue, oldest queued s, parked, doctor, faults)
FLEET: list[tuple[int, int, str, timedelta | None, int, int | None, int, tuple[str, ...],
                  tuple[str, ...]]] = [
    (1001, 1, "0.2.1", timedelta(minutes=2), 0, None, 0, (), ()),
    (1001, 2, "0.2.1", timedelta(minutes=4), 3, 95, 0, (), ()),
    (1002, 1, "0.2.1", timedelta(days=3, hours=2), 842, 266_400, 0, (), ()),
    (1003, 1, "0.1.9", timedelta(minutes=11), 0, None, 0, (), ()),
    (1003, 2, "0.2.1", timedelta(minutes=1), 0, None, 2, (), ()),
    (1004, 1, "0.2.1", timedelta(minutes=7), 12, 640, 0, ("printer",),
     ("printer.paper_out",)),
    (1005, 1, "0.2.1", timedelta(seconds=40), 0, None, 0, (), ()),
    (1006, 1, "0.2.0", timedelta(hours=30), 1_318, 108_000, 5, ("backup", "disk"),
     ("storage.disk_low",)),
    (1007, 1, "0.2.1", timedelta(minutes=3), 0, None, 0, (), ()),
    (1007, 2, "0.2.1", timedelta(minutes=9), 1, 30, 0, (), ()),
    (1007, 3, "0.1.8", timedelta(hours=2), 57, 7_100, 0, ("clock",), ()),
    (1008, 1, "0.2.1", timedelta(minutes=15), 0, None, 0, (), ("printer.offline",)),
    (1009, 1, "0.2.1", None, 0, None, 0, (), ()),  # enrolled, never heard from
    (1010, 1, "0.2.1", timedelta(minutes=5), 0, None, 0, (), ()),
    (1011, 1, "0.2.1", timedelta(minutes=6), 0, None, 1, ("tariff",), ()),
    (1012, 1, "0.2.1", timedelta(minutes=2), 0, None, 0, (), ()),
]


def seed(engine: Engine, now: datetime) -> None:
    for outlet in sorted({row[0] for row in FLEET}):
        add_outlet(engine, utc_now, outlet, f"Agen {outlet}")
    for outlet, terminal, version, ago, queue, oldest, parked, doctor, faults in FLEET:
        device_id = str(provision(engine, utc_now, outlet, terminal)["device_id"])
        if ago is None:
            continue
        with engine.begin() as c:
            c.execute(update(Device.__table__).where(Device.__table__.c.id == device_id)
                      .values(last_seen=iso(now - ago)))
        record(engine, device_id, HealthReport.model_validate({
            "app_version": version, "queue_depth": queue, "oldest_queued_s": oldest,
            "parked": parked, "doctor_failing": doctor, "faults": faults}), now - ago)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    srv = CentralServer(tmp_path_factory.mktemp("central"))
    seed(srv.engine, datetime.now(UTC))
    add_operator(srv.engine, utc_now, "dewi.it", PASSWORD)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), headless=True,
            executable_path=str(CHROMIUM), args=ARGS, viewport={"width": 1360, "height": 900},
            locale="id-ID", timezone_id="Asia/Jakarta")
        yield context
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    browser.clear_cookies()
    p = browser.new_page()
    problems: list[str] = []
    p.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: problems.append(str(e)))
    p.problems = problems
    yield p
    p.close()


def _log_in(page: Any, server: CentralServer, password: str = PASSWORD) -> None:
    page.goto(f"{server.url}/fleet")
    assert page.url.endswith("/fleet/login")  # no session: sent to the form
    page.locator("#name").press_sequentially("dewi.it", delay=15)
    page.locator("#password").press_sequentially(password, delay=15)
    page.locator("#password").press("Enter")
    page.wait_for_load_state()


def test_an_operator_logs_in_reads_the_fleet_sorts_and_logs_out(
        page: Any, server: CentralServer) -> None:
    _log_in(page, server)
    assert page.url.endswith("/fleet")
    assert page.locator("h1").inner_text() == "Pemantauan Outlet POS"
    # the style sheet loaded under the page's CSP: the header is dark, the table dense
    assert page.locator("header").evaluate("e => getComputedStyle(e).backgroundColor") \
        == "rgb(29, 35, 48)"
    assert page.evaluate("document.cookie") == ""  # HttpOnly: no script can read the session
    rows = page.locator("tbody tr")
    assert rows.count() == 8  # the terminals with problems; the healthy ones are counted
    cards = dict(zip(page.locator(".card .l").all_inner_texts(),
                     page.locator(".card .n").all_inner_texts(), strict=True))
    assert cards["Terminal"] == str(len(FLEET)) and cards["Normal"] == str(len(FLEET) - 8)
    assert cards["Tidak ada kabar 24 jam"] == "3" and cards["Event ditahan"] == "3"
    silent = rows.filter(has_text="1002").inner_text()
    assert "3 hari lalu" in silent and "842" in silent

    page.locator("form.minver input[name=min]").fill("0.2.1")
    page.locator("form.minver button").click()
    page.wait_for_load_state()
    assert page.locator(".card.old_version .n").inner_text() == "4"
    page.get_by_role("link", name="Tampilkan semua terminal").click()
    page.wait_for_load_state()
    assert page.locator("tbody tr").count() == len(FLEET)
    page.get_by_role("link", name="Antrean", exact=True).click()  # sorts, biggest first
    page.wait_for_load_state()
    queues = [int(t.replace(".", "")) for t in
              page.locator("tbody tr td:nth-child(5)").all_inner_texts()]
    assert queues == sorted(queues, reverse=True) and queues[0] == 1_318
    assert page.locator("th[aria-sort]").inner_text().startswith("Antrean")
    shot = os.environ.get("OUTLET_POS_FLEET_SCREENSHOT")
    if shot:  # what an operator sees first: the problems, with a minimum version asked
        page.get_by_role("link", name="Tampilkan hanya terminal bermasalah").click()
        page.get_by_role("link", name="Outlet", exact=True).click()
        page.wait_for_load_state()
        page.set_viewport_size({"width": 1360, "height": 540})
        page.screenshot(path=shot, full_page=True)
    assert "Agen 10" not in page.content()  # outlet names are not shown
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()
    assert page.url.endswith("/fleet/login")
    page.goto(f"{server.url}/fleet")
    assert page.url.endswith("/fleet/login")
    assert page.problems == []  # no CSP violation, no script error, no failed load


def test_a_wrong_password_shows_the_reason_on_the_form(
        page: Any, server: CentralServer) -> None:
    _log_in(page, server, password="Soto-Betawi-salah")
    assert page.url.endswith("/fleet/login")
    assert page.locator("p.error").inner_text() == "Nama operator atau kata sandi salah."
    page.problems[:] = [p for p in page.problems if "401" not in p]  # the answer's status
    assert page.problems == []


class _Attacker(BaseHTTPRequestHandler):
    """Another site whose page posts a log-out form to the central server on load."""

    target = ""

    def do_GET(self) -> None:
        body = (f'<form id="f" method="post" action="{self.target}/fleet/logout">'
                '<input name="csrf" value="guess"></form>'
                "<script>document.getElementById('f').submit()</script>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_a_form_posted_from_another_site_does_not_log_the_operator_out(
        page: Any, server: CentralServer) -> None:
    _log_in(page, server)
    assert page.url.endswith("/fleet")
    _Attacker.target = server.url
    evil = ThreadingHTTPServer(("127.0.0.1", 0), _Attacker)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        other = page.context.new_page()
        # "localhost" is another site than "127.0.0.1": the strict cookie is not sent
        with other.expect_navigation(url=re.compile(r"/fleet")):
            other.goto(f"http://localhost:{evil.server_address[1]}/")
        other.close()
    finally:
        evil.shutdown()
    page.reload()
    assert page.url.endswith("/fleet") and page.locator("tbody tr").count() > 0
