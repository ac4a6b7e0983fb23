"""The registry of stored settings: typed round trips, and no key used that it lacks."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from outlet_pos.domain import stored_settings as S

PKG = Path(S.__file__).parents[1]


class FakeMeta(dict):
    def set(self, key: str, value: str) -> None:
        self[key] = value


def test_values_come_back_as_the_type_they_were_written():
    meta = FakeMeta()
    S.TERMINAL.write(meta, 7)
    S.SYNC_LAST_SUCCESS.write(meta, datetime(2026, 11, 25, 9, tzinfo=timezone(timedelta(hours=7))))
    S.RESTORE_UNCONFIRMED.write(meta, {"at": "2026-11-25T02:00:00+00:00", "by": "teknisi"})
    S.LANGUAGE.write(meta, "id")
    assert meta == {"terminal": "7", "sync_last_success": "2026-11-25T09:00:00+07:00",
                    "restore_unconfirmed": '{"at": "2026-11-25T02:00:00+00:00", '
                                           '"by": "teknisi"}',
                    "language": "id"}
    assert S.TERMINAL.read(meta) == 7
    assert S.SYNC_LAST_SUCCESS.read(meta) == datetime(2026, 11, 25, 2, tzinfo=UTC)
    assert S.RESTORE_UNCONFIRMED.read(meta) == {"at": "2026-11-25T02:00:00+00:00",
                                                "by": "teknisi"}
    assert S.LANGUAGE.read(meta) == "id"


def test_absent_or_cleared_reads_as_the_default():
    meta = FakeMeta(sync_last_error="boom")
    S.SYNC_LAST_ERROR.clear(meta)
    assert meta == {"sync_last_error": ""}
    assert S.SYNC_LAST_ERROR.read(meta) is None
    assert S.TIMEZONE.read(meta) == "Asia/Jakarta"
    assert S.OUTLET_NAME.read({}) == ""
    with pytest.raises(LookupError, match="origin_district"):
        S.ORIGIN_DISTRICT.require(meta)
    assert S.ORIGIN_DISTRICT.require({"origin_district": "JKT01"}) == "JKT01"


def test_a_value_of_the_wrong_type_is_refused_both_ways():
    with pytest.raises(ValueError):
        S.OUTLET_NUMBER.read({"outlet_number": "12a"})
    with pytest.raises(ValueError):
        S.USERS_SEALS.read({"users_seals": "[1, 2]"})
    with pytest.raises(ValueError, match="timezone-aware"):
        S.BACKUP_LAST_AT.write(FakeMeta(), datetime(2026, 11, 25, 9))


def test_every_key_is_declared_once_with_who_may_set_it():
    assert len(S.REGISTRY) == len({s.key for s in S.REGISTRY.values()})
    assert all(s.set_by and s.kind in ("text", "int", "time", "json")
               for s in S.REGISTRY.values())
    with pytest.raises(ValueError, match="declared twice"):
        S.text("language", "anyone")


def _literal_keys(path: Path) -> list[tuple[int, str]]:
    """String literals passed as the key of a meta read or write in ``path``:
    ``x.meta.get("k")``, ``meta().get("k")``, ``meta.set("k", v)``, ``_meta(c, "k")``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        f = node.func
        args = node.args
        if isinstance(f, ast.Attribute) and f.attr in ("get", "set"):
            owner = f.value
            named = (isinstance(owner, ast.Attribute) and owner.attr in ("meta", "_meta")) or \
                (isinstance(owner, ast.Name) and owner.id in ("meta", "m")) or \
                (isinstance(owner, ast.Call) and isinstance(owner.func, ast.Attribute)
                 and owner.func.attr == "meta")
            key = args[0] if named else None
        elif isinstance(f, ast.Name) and f.id in ("_meta", "meta"):
            key = args[-1] if f.id == "_meta" else args[0]
        else:
            key = None
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            found.append((node.lineno, key.value))
    return found


def test_no_meta_key_is_a_loose_string():
    """Readers and writers name an entry of the registry, never a key of their own."""
    skip = ("central", "migrations")  # the server's own tables; migrations import nothing
    loose = [f"{p.relative_to(PKG)}:{line}: {key}" for p in sorted(PKG.rglob("*.py"))
             if not any(part in skip for part in p.relative_to(PKG).parts)
             for line, key in _literal_keys(p)]
    assert loose == [], "declare the key in domain/stored_settings.py and use the entry"


def test_the_scan_sees_each_way_a_key_is_named(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("uow.meta.get('a')\nself.meta().get('b')\nself._meta.set('c', '1')\n"
                      "_meta(c, 'd')\nmeta('e')\nm.get('f')\nother.get('g')\n")
    assert [k for _, k in _literal_keys(sample)] == ["a", "b", "c", "d", "e", "f"]
