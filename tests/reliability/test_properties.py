"""Property-based tests (hypothesis): validators, the tariff engine, the sync wire format
and the waybill document, on arbitrary input.

Adds to the unit tests' properties (clean_text, wrap, weight monotonicity and line sums
on a small table): here every validator a clerk's typing reaches gives either a valid
value or only the documented ``ValidationError`` naming the field — never another
exception — and never quotes the input; the real sample tariff over random real
destinations; encode/decode of upload batches and arbitrary bytes at the server's
decoders; whole waybills from arbitrary Unicode on every printer profile.

Quick mode runs ``sizes.examples`` examples per property (tests/reliability/conftest.py),
a fifth of that for the heavy ones; soak mode (OUTLET_POS_SOAK=1) many more.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import string
from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from outlet_pos.central import checks
from outlet_pos.central.schemas import Batch
from outlet_pos.domain.address import resolve_address
from outlet_pos.domain.calendar import WeekendCalendar
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.money import MAX_RUPIAH, check_rupiah, format_rupiah, rupiah_digits
from outlet_pos.domain.parcel import Parcel
from outlet_pos.domain.party import Party, normalize_email, normalize_phone
from outlet_pos.domain.shipment import parse_dims, parse_order, parse_weight_g
from outlet_pos.domain.tariff import chargeable_kg, quote_all, quote_service, volumetric_grams
from outlet_pos.domain.text import clean_text
from outlet_pos.domain.waybill import make_waybill, normalize_waybill
from outlet_pos.domain.waybill_document import Copy, build_waybill
from outlet_pos.i18n import Msg
from outlet_pos.printing.canvas import render_page
from outlet_pos.printing.escpos_render import render_escpos
from outlet_pos.printing.layout import Line, layout
from outlet_pos.printing.profiles import all_profiles
from outlet_pos.protocol import wire
from outlet_pos.protocol.events import kinds as event_kinds
from outlet_pos.refdata.regions import LokalRegionDirectory
from outlet_pos.refdata.tariffs import load_sample_tariff
from tests.reliability.conftest import current_sizes
from tests.unit.test_waybill_document import OUTLET, _party, record

EXAMPLES = current_sizes().examples  # 100 quick, 2,000 soak
HEAVY = max(20, EXAMPLES // 5)  # properties that render images or parse whole orders
RAN: Counter[str] = Counter()  # examples run per property, for the figures


def _counted(test):
    inner = test.hypothesis.inner_test

    @functools.wraps(inner)
    def run(*a, **kw):
        RAN[test.__name__] += 1
        return inner(*a, **kw)

    test.hypothesis.inner_test = run
    return test


def QUICK(test):
    return _counted(settings(max_examples=EXAMPLES, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])(test))


def SLOW(test):
    return _counted(settings(max_examples=HEAVY, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow,
                                                    HealthCheck.data_too_large])(test))

# Arbitrary values a JSON order (or a careless caller) can carry.
json_scalars = st.none() | st.booleans() | st.integers(-2**70, 2**70) | \
    st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=60)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4) |
                           st.dictionaries(st.text(max_size=10), inner, max_size=4),
                           max_leaves=12)
phone_like = st.text(alphabet="0123456789+-(). 62８٨" + string.ascii_letters, max_size=25)
anything = st.one_of(st.text(), phone_like, json_values, st.binary(max_size=20))


def _only_validation(fn, value: Any, field: str | None = None,
                     fields: set[str] | None = None) -> Any:
    try:
        return fn(value)
    except ValidationError as e:
        if field is not None:
            assert e.fields == [field], e.fields
        if fields is not None:
            assert set(e.fields) <= fields, e.fields
        if isinstance(value, str) and len(value.strip()) >= 4:
            for _, msg in e.problems:  # only a message's parameters vary with the input
                variable = [str(v) for v in msg.params.values()] if isinstance(msg, Msg) \
                    else [str(msg)]
                assert not any(value.strip() in v for v in variable), \
                    f"the error quotes the input: {msg!r}"
        return e


@cache
def directory() -> LokalRegionDirectory:
    return LokalRegionDirectory()


@cache
def example_order() -> dict:
    from tests.conftest import ROOT

    return json.loads((ROOT / "examples" / "shipment.json").read_text())


# ------------------------------------------------------------------ validators


@QUICK
@given(anything)
def test_phone_gives_e164_or_the_field_error(value):
    out = _only_validation(lambda v: normalize_phone(v, "recipient.phone"), value,
                           "recipient.phone")
    if isinstance(out, str):
        assert out.startswith("+") and out[1:].isdigit() and 8 <= len(out) <= 16
        assert normalize_phone(out) == out  # idempotent: a stored number reads back the same


@QUICK
@given(st.integers(10**8, 10**11 - 1), st.sampled_from(["0{}", "+62{}", "62{}", "+62 {}"]))
def test_indonesian_mobile_forms_agree(n, form):
    national = "8" + str(n)
    try:
        canonical = normalize_phone("0" + national)
    except ValidationError:
        return  # not a number plan the library accepts
    assert normalize_phone(form.format(national)) == canonical == "+62" + national


@QUICK
@given(anything)
def test_email_gives_an_address_none_or_the_field_error(value):
    out = _only_validation(normalize_email, value, "email")
    assert out is None or isinstance(out, ValidationError) or "@" in out


@QUICK
@given(st.text(max_size=300))
def test_clean_text_is_idempotent(s):
    try:
        once = clean_text("name", s, max_len=1000)
    except ValidationError:
        return
    assert clean_text("name", once, max_len=1000) == once


@QUICK
@given(anything, anything, anything)
def test_party_is_valid_or_names_its_fields(name, phone, email):
    from outlet_pos.domain.address import Address

    addr = Address("Jl. Uji 1", "Dago", "Coblong", "Kota Bandung", "Jawa Barat", "40135",
                   "32.73.02.1001", "32.73.02")
    out = _only_validation(lambda _: Party.create(name=name, phone=phone, address=addr,
                                                  email=email), None,
                           fields={"name", "phone", "email"})
    if isinstance(out, Party):
        assert out.name == out.name.strip() and out.phone.startswith("+")


@QUICK
@given(anything, st.text(max_size=40), anything)
def test_address_is_resolved_or_names_its_fields(postal_code, street, village):
    out = _only_validation(lambda _: resolve_address(directory(), street=street,
                                                     postal_code=postal_code,
                                                     village=village), None,
                           fields={"street", "postal_code", "village", "district", "city",
                                   "province"})
    if not isinstance(out, ValidationError):
        assert len(out.postal_code) == 5 and out.district_code


@QUICK
@given(st.text(alphabet="0123456789", min_size=5, max_size=5))
def test_every_five_digit_postal_code_resolves_or_says_why(pc):
    villages = directory().villages_with_postal_code(pc)
    out = _only_validation(lambda _: resolve_address(directory(), street="Jl. Uji 1",
                                                     postal_code=pc), None,
                           fields={"postal_code", "village"})
    if isinstance(out, ValidationError):
        assert out.fields == (["postal_code"] if not villages else ["village"])
    else:
        assert len(villages) == 1 and out.postal_code == pc


@QUICK
@given(st.text(max_size=30) | st.from_regex(r"\A(Rp ?)?[0-9]{1,3}([.,][0-9]{3}){0,4}\Z"))
def test_typed_amounts_are_whole_rupiah_or_the_field_error(typed):
    digits = rupiah_digits(typed)
    out = _only_validation(lambda v: check_rupiah("tendered", v), digits, "tendered")
    if isinstance(out, int):
        assert 0 <= out <= MAX_RUPIAH


@QUICK
@given(st.integers(0, MAX_RUPIAH))
def test_formatted_rupiah_reads_back(n):
    assert check_rupiah("x", rupiah_digits(format_rupiah(n))) == n


@QUICK
@given(anything)
def test_weight_is_whole_grams_or_the_field_error(value):
    out = _only_validation(parse_weight_g, value, "weight_kg")
    if isinstance(out, int):
        assert 1 <= out <= 10**9


@QUICK
@given(st.integers(1, 10**9), st.booleans())
def test_weight_in_kilograms_reads_back_exactly(grams, comma):
    typed = str(Decimal(grams) / 1000)
    assert parse_weight_g(typed.replace(".", ",") if comma else typed) == grams


@QUICK
@given(anything)
def test_dims_are_three_numbers_or_the_field_error(value):
    out = _only_validation(parse_dims, value, "dims")
    assert isinstance(out, ValidationError) or len(out) == 3


@QUICK
@given(anything)
def test_waybill_numbers_normalise_or_the_field_error(value):
    out = _only_validation(normalize_waybill, value)
    if isinstance(out, str):
        assert out.isdigit() and len(out) == 16 and normalize_waybill(out) == out


_SECTIONS = ("sender", "recipient", "parcel", "payment", "service", "shipment")


def _paths(d: Any, prefix: str = "") -> list[str]:
    if isinstance(d, dict):
        out = [prefix.rstrip(".")] if prefix else []
        for k, v in d.items():
            out += _paths(v, f"{prefix}{k}.")
        return out
    return [prefix.rstrip(".")]


@SLOW
@given(st.data())
def test_an_order_with_any_field_replaced_is_booked_or_refused_by_field(data):
    order = json.loads(json.dumps(example_order()))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(order)))
        *parents, leaf = path.split(".")
        target = order
        for p in parents:
            target = target[p]
        if isinstance(target, dict):
            if data.draw(st.booleans()):
                target[leaf] = data.draw(anything)
            else:
                target.pop(leaf, None)
    out = _only_validation(lambda o: parse_order(o, directory()), order)
    if isinstance(out, ValidationError):
        assert out.fields and all(f.split(".")[0].split("[")[0] in _SECTIONS
                                  for f in out.fields), out.fields


@QUICK
@given(json_values)
def test_an_order_that_is_anything_at_all_is_refused_by_field(value):
    out = _only_validation(lambda o: parse_order(o, directory()), value)
    assert isinstance(out, ValidationError)


# ------------------------------------------------------------------ tariff


@cache
def sample():
    return load_sample_tariff()


@cache
def destinations() -> list[str]:
    return sorted(sample().rates)


WED = date(2026, 11, 4)
CAL = WeekendCalendar()


def parcel(weight_g=1000, dims=(10, 10, 10), **kw) -> Parcel:
    return Parcel.create(weight_g=weight_g, length_cm=dims[0], width_cm=dims[1],
                         height_cm=dims[2], description="Buku", **kw)


dims_st = st.tuples(st.integers(1, 150), st.integers(1, 150), st.integers(1, 150))
money_st = st.integers(0, 10**10)


@QUICK
@given(st.data(), st.integers(1, 300_000), st.integers(1, 300_000), dims_st, money_st,
       money_st, st.integers(1, 20), st.sampled_from(["none", "bubble", "wood"]))
def test_sample_tariff_never_decreases_with_weight_value_or_cod(data, w1, w2, dims, value,
                                                                 cod, pieces, packing):
    dest = data.draw(st.sampled_from(destinations()))
    lo, hi = sorted((w1, w2))
    v_lo, v_hi = sorted((value, data.draw(money_st)))
    c_lo, c_hi = sorted((cod, data.draw(money_st)))
    base = dict(pieces=pieces, packing=packing)
    light = quote_all(sample(), parcel(lo, dims, declared_value=v_lo, insured=v_lo > 0,
                                       cod_amount=c_lo, **base), dest, booked_on=WED,
                      calendar=CAL)
    heavy = quote_all(sample(), parcel(hi, dims, declared_value=v_hi, insured=v_lo > 0,
                                       cod_amount=c_hi, **base), dest, booked_on=WED,
                      calendar=CAL)
    by_service = {q.service: q for q in heavy}
    assert {q.service for q in light} == set(by_service)
    for q in light:
        assert q.total <= by_service[q.service].total, (q.service, dest)
    for quotes in (light, heavy):
        assert [q.total for q in quotes] == sorted(q.total for q in quotes)  # cheapest first
        for q in quotes:
            assert q.total == sum(ln.amount for ln in q.lines)
            assert all(isinstance(ln.amount, int) and ln.amount >= 0 for ln in q.lines)


@QUICK
@given(st.data(), st.integers(1, 300_000), dims_st, dims_st, st.integers(1, 10))
def test_bigger_boxes_never_cost_less(data, w, d1, d2, pieces):
    dest = data.draw(st.sampled_from(destinations()))
    small = tuple(min(a, b) for a, b in zip(d1, d2, strict=True))
    big = tuple(max(a, b) for a, b in zip(d1, d2, strict=True))
    service = data.draw(st.sampled_from(sample().services_to(dest)))
    q_small = quote_service(sample(), parcel(w, small, pieces=pieces), dest, service,
                            booked_on=WED, calendar=CAL)
    q_big = quote_service(sample(), parcel(w, big, pieces=pieces), dest, service,
                          booked_on=WED, calendar=CAL)
    assert q_small.total <= q_big.total


@QUICK
@given(st.data(), st.integers(1, 1_000_000), dims_st, st.integers(1, 100))
def test_chargeable_weight_rule(data, w, dims, pieces):
    """The larger of actual and volumetric weight (volume × 1000 / divisor, rounded up to
    the gram), in whole kg rounded up only past the service's threshold, at least the
    service's minimum; the freight line is that many kg at the destination's rate."""
    dest = data.draw(st.sampled_from(destinations()))
    service = data.draw(st.sampled_from(sample().services_to(dest)))
    rule = sample().services[service]
    p = parcel(w, dims, pieces=pieces)
    q = quote_service(sample(), p, dest, service, booked_on=WED, calendar=CAL)
    volume = dims[0] * dims[1] * dims[2] * pieces
    assert q.volumetric_weight_g == math.ceil(volume * 1000 / rule.volumetric_divisor) == \
        volumetric_grams(p, rule.volumetric_divisor)
    billed = max(w, q.volumetric_weight_g)
    kg = billed // 1000 + (1 if billed % 1000 > rule.rounding_threshold_g else 0)
    assert q.chargeable_kg == max(kg, rule.min_chargeable_kg) == chargeable_kg(billed, rule)
    assert q.chargeable_kg * 1000 >= billed - rule.rounding_threshold_g
    freight = next(ln for ln in q.lines if ln.code == "freight")
    assert freight.amount == q.chargeable_kg * sample().rates[dest][service].price_per_kg


# ------------------------------------------------------------------ sync wire format

event_bodies = st.dictionaries(
    st.text(max_size=12),
    st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) |
                 st.text(max_size=40),
                 lambda inner: st.lists(inner, max_size=3) |
                 st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=10),
    max_size=6)
events_st = st.lists(st.fixed_dictionaries({
    "id": st.uuids().map(str), "kind": st.sampled_from(event_kinds()),
    "created_at": st.just("2026-11-25T02:00:00+00:00"), "body": event_bodies}), max_size=5)


@QUICK
@given(events_st, st.none() | st.fixed_dictionaries({"seq": st.integers(1, 10**9),
                                                     "hash": st.text("0123456789abcdef",
                                                                     min_size=64,
                                                                     max_size=64)}))
def test_batches_round_trip_through_encode_and_decode(events, head):
    batch = {"events": events, "audit_head": head}
    raw = wire.decompress_body(wire.encode_batch(batch), "gzip")
    assert orjson.loads(raw) == batch
    assert wire.encode_batch(batch) == wire.encode_batch(batch)  # deterministic (mtime 0)


@QUICK
@given(event_bodies)
def test_canonical_form_ignores_key_order_and_hashes_stably(body):
    shuffled = dict(reversed(list(body.items())))
    assert wire.canonical(body) == wire.canonical(shuffled)
    assert wire.body_hash(body) == wire.body_hash(json.loads(wire.canonical(body)))
    assert wire.canonical(body) == json.dumps(body, ensure_ascii=False, sort_keys=True,
                                              separators=(",", ":")).encode()


@QUICK
@given(st.binary(max_size=400) | st.binary(max_size=60).map(gzip.compress).map(
    lambda b: b[: len(b) // 2]), st.sampled_from(["gzip", None, "", "identity", "br", "x"]))
def test_arbitrary_bytes_at_the_decoder_give_only_value_error(raw, encoding):
    try:
        out = wire.decompress_body(raw, encoding)
    except ValueError:
        return
    assert isinstance(out, bytes)


@QUICK
@given(st.binary(max_size=300) | events_st.map(lambda e: orjson.dumps({"events": e})) |
       json_values.map(lambda v: json.dumps(v, default=str).encode()))
def test_arbitrary_bodies_at_the_batch_schema_give_only_its_error(raw):
    from pydantic import ValidationError as PydanticError

    try:
        batch = Batch.model_validate_json(raw)
    except PydanticError:
        return
    for ev in batch.events:  # what passes the schema is then checked, never crashes
        for check in (checks.json_problem, checks.shipment_problem, checks.void_problem):
            assert check(ev.body) is None or isinstance(check(ev.body), str)


@QUICK
@given(json_values)
def test_server_checks_never_raise_on_any_body(body):
    for check in (checks.json_problem, checks.shipment_problem, checks.void_problem,
                  checks.closing_problem, checks.reopen_problem):
        out = check(body if isinstance(body, dict) else {"x": body})
        assert out is None or isinstance(out, str)


@QUICK
@given(st.text(max_size=80), st.text(max_size=120), st.binary(max_size=64))
def test_signature_check_is_a_yes_or_no_on_any_input(key, sig, message):
    assert wire.verify_signature(key, sig, message) in (True, False)


@QUICK
@given(st.binary(max_size=64))
def test_base64url_round_trips(raw):
    assert wire.unb64(wire.b64(raw)) == raw


rates_st = st.dictionaries(st.sampled_from([f"32.{i:02d}.0{j}" for i in range(8)
                                            for j in range(3)]),
                           st.dictionaries(st.sampled_from(["OKE", "REG", "YES"]),
                                           st.lists(st.integers(0, 10**6), min_size=3,
                                                    max_size=3), max_size=3), max_size=8)


@QUICK
@given(rates_st, rates_st, st.text(max_size=10), st.text(max_size=10))
def test_a_tariff_delta_applied_gives_the_new_table(old_rates, new_rates, v1, v2):
    old = {"version": v1, "format": "outlet-pos-tariff", "rates": old_rates}
    new = {"version": v2, "format": "outlet-pos-tariff", "rates": new_rates}
    assert wire.apply_tariff_delta(old, wire.tariff_delta(old, new)) == new
    seed = bytes(range(32))
    sig = wire.sign_tariff(seed, new)
    pub = wire.public_key_of(seed)
    assert wire.tariff_is_signed(pub, wire.apply_tariff_delta(old, wire.tariff_delta(old, new)),
                                 sig)
    if new_rates != old_rates:
        assert not wire.tariff_is_signed(pub, {**new, "rates": old_rates}, sig)


# ------------------------------------------------------------------ waybill document

unicode_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                       max_size=120)


def _record(name: str, street: str, description: str, reason: str | None):
    return record(sender=_party(name[::-1] or "x", "+6281223456789", street),
                  recipient=_party(name, "+6281398765432", street), description=description,
                  status="void" if reason else "booked", void_reason=reason,
                  payment_ref=description[:64], payment_method="qris")


def _visible(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in text if not ch.isspace() and
                   unicodedata.category(ch)[0] != "C")


@SLOW
@given(unicode_text, unicode_text, unicode_text, st.none() | unicode_text, unicode_text,
       st.sampled_from(list(Copy)), st.integers(0, 3))
def test_any_unicode_waybill_lays_out_within_the_paper_and_keeps_the_name(
        name, street, description, reason, outlet_name, copy, reprint):
    assume(_visible(name))
    doc = build_waybill(_record(name, street, description, reason),
                        replace(OUTLET, name=outlet_name), copy, reprint, dest_name=street)
    for profile in all_profiles().values():
        lines = [i for i in layout(doc, profile.columns_a) if isinstance(i, Line)]
        for line in lines:
            limit = profile.columns_a // 2 if line.wide else profile.columns_a
            assert len(line.text) <= limit, (profile.name, line)
        printed = _visible("".join(ln.text for ln in lines))
        assert _visible(name) in printed  # wrapped, never cut


@SLOW
@given(unicode_text, unicode_text, st.sampled_from(sorted(all_profiles())),
       st.booleans())
def test_any_unicode_waybill_renders_for_the_printer_at_its_width(name, street, profile_name,
                                                                 raster):
    profile = all_profiles()[profile_name]
    doc = build_waybill(_record(name, street, "Paket", None), OUTLET, Copy.LABEL)
    out = render_escpos(doc, profile, raster=raster)
    assert out.startswith(b"\x1b@") and len(out) > 100
    page = render_page(layout(doc, profile.columns_a), profile)
    assert page.width == profile.width_dots


def test_zz_figures_of_the_properties(figures):
    """Last in the file: what the properties above ran (all of them when run together)."""
    figures.describe("hypothesis properties: validators, tariff, wire format, waybill "
                     "document, on arbitrary input")
    figures.runs = sum(RAN.values())
    figures.faults = sum(RAN.values())  # every example is arbitrary (hostile) input
    figures.detail = {"properties": len(RAN), "examples per property": EXAMPLES,
                      "heavy properties": HEAVY}
    assert make_waybill(42, 3, 1) == normalize_waybill(make_waybill(42, 3, 1))


@pytest.mark.parametrize("typed", ["Rp 15.000", "15.000", "15,000", "15000", " 1.250.000 "])
def test_typed_amount_examples(typed):
    assert check_rupiah("x", rupiah_digits(typed)) in (15_000, 1_250_000)


# ------------------------------------------------------------------ found by the properties
# "²" is a digit to str.isdigit() but not to int(): a check with isdigit() followed by
# int() raised ValueError instead of the field's error (found by
# test_typed_amounts_are_whole_rupiah_or_the_field_error in a soak run).
NOT_DECIMAL = ("²", "³⁴", "①", "Rp ²")


@pytest.mark.parametrize("typed", NOT_DECIMAL)
def test_digits_that_are_not_decimal_are_refused_by_the_field(typed, monkeypatch):
    import requests

    from outlet_pos.cli.closing_cmds import parse_counts
    from outlet_pos.config import Settings
    from outlet_pos.printing.connections import parse as parse_connection
    from outlet_pos.sync.client import SyncClient, SyncError

    with pytest.raises(ValidationError) as e:
        check_rupiah("tendered", rupiah_digits(typed))
    assert e.value.fields == ["tendered"]
    for counts in ([f"{typed}x3"], [f"100000x{typed}"]):
        with pytest.raises(ValidationError):
            parse_counts(counts)
    for spec in (f"net:127.0.0.1:{typed}", f"serial:/dev/ttyUSB0@{typed}"):
        with pytest.raises(ValidationError):
            parse_connection(spec)
    for var in ("OUTLET_POS_RETENTION_DAYS", "OUTLET_POS_SYNC_WARN_HOURS"):
        monkeypatch.setenv(var, typed)
        with pytest.raises(ValidationError):
            Settings.load("/nonexistent")
        monkeypatch.delenv(var)
    r = requests.Response()  # a server (or something in between) answering oddly
    r.status_code, r._content = 503, b"{}"
    r.headers.update({"Retry-After": typed, "X-Server-Time": typed})
    client = SyncClient("http://127.0.0.1:9")
    client._note_time(r)
    with pytest.raises(SyncError) as err:
        client._json(r)
    assert err.value.kind == "transient" and err.value.retry_after is None
