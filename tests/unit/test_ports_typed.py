"""The SQL unit of work offers every port of services/ports.UnitOfWork, and each repository
has every method of its Protocol with the Protocol's parameters: what mypy checks in
`make lint`, checked here at run time too, so a port and its adapter cannot drift apart
even where a caller is typed loosely."""

from __future__ import annotations

import inspect
from functools import cached_property
from typing import get_type_hints

import pytest

from outlet_pos.services import ports
from outlet_pos.storage.uow import SqlUnitOfWork


def _ports() -> dict[str, type]:
    return {name: get_type_hints(member.fget)["return"]
            for name, member in vars(ports.UnitOfWork).items() if isinstance(member, property)}


def _methods(proto: type) -> list[str]:
    return [n for n, v in vars(proto).items() if inspect.isfunction(v) and not n.startswith("_")]


def _params(fn: object) -> list[tuple[str, object]]:
    return [(p.name, p.kind) for p in inspect.signature(fn).parameters.values()]  # type: ignore[arg-type]


def test_the_unit_of_work_has_one_repository_per_port_and_no_other():
    sql = {n for n, v in vars(SqlUnitOfWork).items() if isinstance(v, cached_property)}
    assert sql == set(_ports())
    # the sync jobs are ports of their own, not one store of everything
    assert {"queue", "audit_acks", "device", "reference", "tracking"} <= sql
    assert "sync" not in sql


@pytest.mark.parametrize("name", sorted(_ports()))
def test_each_repository_has_its_ports_methods_with_the_same_parameters(name):
    proto = _ports()[name]
    impl = get_type_hints(vars(SqlUnitOfWork)[name].func)["return"]
    methods = _methods(proto)
    assert methods, f"{proto.__name__} declares no method"
    for method in methods:
        assert hasattr(impl, method), f"{impl.__name__} lacks {proto.__name__}.{method}"
        assert _params(getattr(impl, method)) == _params(getattr(proto, method)), \
            f"{impl.__name__}.{method} takes other parameters than {proto.__name__}.{method}"


def test_rows_that_cross_the_sync_closing_and_cash_ports_are_typed_not_dicts():
    hints = {(p.__name__, m): get_type_hints(getattr(p, m))["return"]
             for p in (ports.OutboxQueue, ports.AuditAcks, ports.DeviceCredentials,
                       ports.ReferenceStore, ports.TrackingCache, ports.ClosingRepository,
                       ports.CashRepository)
             for m in _methods(p)}
    loose = [k for k, t in hints.items() if "dict" in repr(t) or "tuple" in repr(t)]
    assert loose == []
