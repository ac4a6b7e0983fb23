"""The terminal's fleet health report (services/fleet_report, protocol/health): built from
ports, counts and codes only, within the protocol's bounds, never in the upload's way."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from outlet_pos.domain.doctor_facts import DbFacts
from outlet_pos.domain.records import OutboxItem, PrintJobRow
from outlet_pos.domain.stored_settings import DOCTOR_LAST
from outlet_pos.protocol.health import HealthReport, parse_report, version_key
from outlet_pos.services.doctor import DISK_FAIL_BYTES, Doctor
from outlet_pos.services.fleet_report import FleetReporter
from tests.reliability.pii import RECIPIENT_NAME, SENDER_PHONE, pii_in_text

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
PLENTY = 50 * 1024**3


def _job(job_id: int, fault: str | None, age: timedelta, detail: str = "") -> PrintJobRow:
    return PrintJobRow(job_id, "120101000017", "sender", 0, "failed", None, NOW - age,
                       NOW - age, 1, "usb:0x0416:0x5011", fault, detail)


@dataclass
class _Uow:
    pending: int = 0
    oldest_at: datetime | None = None
    parked: int = 0
    meta_rows: dict[str, str] = field(default_factory=dict)
    failed: list[PrintJobRow] = field(default_factory=list)

    def __enter__(self) -> _Uow:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    @property
    def outbox(self) -> Any:
        return type("O", (), {"pending_count": lambda _s: self.pending})()

    @property
    def queue(self) -> Any:
        def batch(_s: object, limit: int, after: int = 0) -> list[OutboxItem]:
            assert (limit, after) == (1, 0)
            return [OutboxItem("e1", "shipment.created", self.oldest_at.isoformat(), {})] \
                if self.oldest_at else []

        def parked(_s: object, limit: int = 100) -> list[object]:
            return [object()] * min(self.parked, limit)
        return type("Q", (), {"batch": batch, "parked": parked})()

    @property
    def meta(self) -> dict[str, str]:
        return self.meta_rows

    @property
    def print_jobs(self) -> Any:
        def with_status(_s: object, *statuses: str, limit: int = 500) -> list[PrintJobRow]:
            assert statuses == ("failed",)
            return self.failed[:limit]
        return type("P", (), {"with_status": with_status})()


def _reporter(uow: _Uow, free: int = PLENTY, version: str = "0.2.0") -> FleetReporter:
    return FleetReporter(lambda **_kw: uow, lambda: NOW, version, lambda: free)


def test_a_quiet_terminal_reports_its_version_and_nothing_else():
    got = _reporter(_Uow()).report()
    assert got == {"app_version": "0.2.0", "queue_depth": 0, "oldest_queued_s": None,
                   "parked": 0, "doctor_at": None, "doctor_failing": [], "faults": []}
    assert parse_report(got) == HealthReport.model_validate(got)


def test_queue_parked_doctor_and_faults_are_counts_and_codes_only():
    doctor = {"at": (NOW - timedelta(hours=3)).isoformat(), "checks": {
        "database": "ok", "printer": "fail", "server": "warn", "backup": "fail"}}
    uow = _Uow(12, NOW - timedelta(seconds=95), 2, {DOCTOR_LAST.key: DOCTOR_LAST.dump(doctor)},
               [_job(1, "paper_out", timedelta(hours=2), f"{RECIPIENT_NAME} {SENDER_PHONE}"),
                _job(2, "cover_open", timedelta(days=3)),  # given up long ago: not now
                _job(3, "paper_out", timedelta(minutes=1)),
                _job(4, None, timedelta(minutes=1))])

    got = _reporter(uow, free=DISK_FAIL_BYTES - 1).report(sending=5)

    assert got is not None
    assert (got["queue_depth"], got["oldest_queued_s"], got["parked"]) == (7, 95, 2)
    assert got["doctor_failing"] == ["printer", "backup"]  # a warning is no failure
    assert got["doctor_at"] == int((NOW - timedelta(hours=3)).timestamp())
    assert got["faults"] == ["printer.paper_out", "storage.disk_low"]
    text = json.dumps(got)
    assert pii_in_text(text) == [] and "120101000017" not in text


def test_a_report_that_cannot_be_built_is_left_out_and_logged(caplog):
    class Broken:
        def __enter__(self) -> Any:
            raise OSError("disk I/O error")

        def __exit__(self, *exc: object) -> None:
            return None

    assert FleetReporter(lambda **_kw: Broken(), lambda: NOW, "0.2.0").report() is None
    assert _reporter(_Uow(), version="0.2.0 Budi Santoso").report() is None
    assert "fleet health report not built (OSError)" in caplog.text
    assert "Budi" not in caplog.text


def test_a_damaged_doctor_summary_gives_no_failing_names():
    for stored, at, failing in (
            ({"at": "kemarin", "checks": {"printer": "fail"}}, None, ["printer"]),
            ({"checks": ["printer"]}, None, []),
            ({"at": NOW.isoformat(), "checks": {"Nama Pelanggan; 0812": "fail", "keys": "fail"}},
             int(NOW.timestamp()), ["keys"])):
        uow = _Uow(meta_rows={DOCTOR_LAST.key: json.dumps(stored)})
        got = _reporter(uow).report()
        assert got is not None and (got["doctor_at"], got["doctor_failing"]) == (at, failing)
        assert "Nama" not in json.dumps(got)


@pytest.mark.parametrize("bad", [
    {"app_version": "0.2.0", "queue_depth": -1},
    {"app_version": "0.2.0", "queue_depth": 2**31},
    {"app_version": "0.2.0", "queue_depth": 1.5},
    {"app_version": "0.2.0", "queue_depth": "3"},
    {"app_version": "", "queue_depth": 0},
    {"app_version": "v" * 41, "queue_depth": 0},
    {"app_version": "0.2.0", "queue_depth": 0, "faults": ["Jl. Merdeka 17"]},
    {"app_version": "0.2.0", "queue_depth": 0, "doctor_failing": ["a"] * 21},
    {"app_version": "0.2.0", "queue_depth": 0, "faults": ["x" * 49]},
    {"queue_depth": 0},
    ["0.2.0", 0],
    {"app_version": "0.2.0", "queue_depth": 0, "doctor_at": -1},
    {"app_version": "0.2.0", "queue_depth": 0, "doctor_at": 2**63},
])
def test_the_protocol_refuses_what_is_out_of_bounds_naming_the_place_not_the_value(bad):
    with pytest.raises(ValueError, match=r"^health\.") as e:
        parse_report(bad)
    assert "Merdeka" not in str(e.value)


def test_versions_compare_as_numbers():
    assert version_key("1.10.0") > version_key("1.9.9")
    assert version_key("1.2") == version_key("1.2.0") == version_key("1.2.0-dev")
    assert version_key("2.0rc1") > version_key("1.99")
    assert version_key(None) < version_key("0.0.1")


class _Ports:
    data_dir, platform = "/tmp/outlet", "linux"

    def __init__(self, db: DbFacts) -> None:
        self._db = db

    def database(self) -> DbFacts:
        return self._db

    def __getattr__(self, name: str) -> Any:  # every other probe: broken, a failed check
        def broken(*_a: object) -> Any:
            raise RuntimeError(name)
        return broken


def test_doctor_keeps_each_check_s_status_when_the_database_is_usable():
    kept: list[dict[str, Any]] = []
    usable = DbFacts(exists=True, revision="0007", head="0007", known_revisions=("0007",))
    results = Doctor(_Ports(usable), lambda: NOW, keep=kept.append).run()
    (summary,) = kept
    assert summary["at"] == NOW.isoformat()
    assert summary["checks"] == {r.check: r.status for r in results}
    assert summary["checks"]["database"] == "ok" and summary["checks"]["disk"] == "fail"

    kept.clear()
    Doctor(_Ports(DbFacts(exists=True, unreadable="malformed")), lambda: NOW,
           keep=kept.append).run()
    assert kept == []  # nothing is written into a database that cannot be read


def test_doctor_s_findings_stand_when_its_summary_cannot_be_kept(caplog):
    def locked(_summary: dict[str, Any]) -> None:
        raise OSError("database is locked")

    usable = DbFacts(exists=True, revision="0007", head="0007", known_revisions=("0007",))
    results = Doctor(_Ports(usable), lambda: NOW, keep=locked).run()
    assert len(results) == 13  # with the scale (services/doctor_scale.py)
    assert "the summary was not kept (OSError)" in caplog.text


def test_the_batch_that_empties_the_queue_reports_none_waiting_and_parked_is_capped():
    uow = _Uow(pending=3, oldest_at=NOW - timedelta(seconds=4), parked=5000)
    got = _reporter(uow).report(sending=3)
    assert got is not None
    assert (got["queue_depth"], got["oldest_queued_s"], got["parked"]) == (0, 4, 1000)
    assert _reporter(uow).report(sending=10)["queue_depth"] == 0  # never below none


def test_a_doctor_run_after_2038_still_fits():
    after_2038 = int(datetime(2040, 1, 1, tzinfo=UTC).timestamp())
    assert parse_report({"app_version": "0.2.0", "queue_depth": 0,
                         "doctor_at": after_2038}).doctor_at == after_2038
