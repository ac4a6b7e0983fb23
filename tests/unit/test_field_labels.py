"""Every field a service can name is shown by its on-screen label, in Indonesian, never by
its internal key (``recipient.address.postal_code:`` was seen on the counter's screen).

The walk is in two halves that check each other: the domain is fed broken orders until it
has named every field it can (the keys it really produces, nested as in a booking), and the
source of the domain, the services and the setup code is read for every field name it
raises; each name found in the source must have come out of the walk or be labelled as it
stands.
"""

from __future__ import annotations

import ast
import copy
import json
import re
from datetime import date
from pathlib import Path

import pytest

import outlet_pos.i18n as i18n
from outlet_pos.domain import customer_requests
from outlet_pos.domain.calendar import WeekendCalendar
from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.loyalty import CardFormat
from outlet_pos.domain.party import normalize_email, normalize_phone
from outlet_pos.domain.shipment import (
    parse_dims,
    parse_order,
    parse_parcel,
    parse_payment,
    parse_weight_g,
)
from outlet_pos.domain.tariff import quote_all
from outlet_pos.domain.waybill import parse_waybill
from outlet_pos.i18n import Msg, set_language, tr
from outlet_pos.i18n.fields import FIELD_LABELS, field_label, problem_text
from outlet_pos.refdata.regions import LokalRegionDirectory
from outlet_pos.refdata.tariffs import load_sample_tariff
from outlet_pos.ui.texts import error_text

PKG = Path(__file__).resolve().parents[2] / "outlet_pos"
EXAMPLE = json.loads((PKG.parent / "examples" / "shipment.json").read_text())
DOMAIN = sorted((PKG / "domain").rglob("*.py"))
OTHERS = [*sorted((PKG / "services").rglob("*.py")), PKG / "bootstrap.py",
          PKG / "config.py"]
DOTTED = re.compile(r"\b[a-z_]+(\.[a-z_]+)+\b|\[\d+\]")
# Words Indonesian takes unchanged.
SAME_IN_INDONESIAN = {"E-mail", "Terminal", "File"}


@pytest.fixture(autouse=True)
def indonesian():
    before = i18n._language
    set_language("id")
    yield
    i18n._language = before


def _problems(fn, *args) -> list[str]:
    try:
        fn(*args)
    except ValidationError as e:
        return e.fields
    return []


def _broken_orders() -> list[object]:
    """Orders that between them break every field of an order, each way the domain checks."""
    too_long = "x" * 300
    out: list[object] = ["not an object", {}]
    o = copy.deepcopy(EXAMPLE)
    o["sender"] = {}
    o["recipient"] = {"name": too_long, "phone": "12", "email": "no-at-sign",
                      "address": {"street": too_long, "postal_code": "4013"}}
    o["parcel"] = {"weight_kg": "abc", "dims": "big", "pieces": 0, "description": too_long,
                   "declared_value": -1, "insured": "perhaps", "cod_amount": -5,
                   "packing": "gold"}
    o["payment"] = {"method": "barter"}
    o["service"] = ""
    out.append(o)
    o = copy.deepcopy(EXAMPLE)
    o["sender"]["address"] = {"street": "Jl. Dago 1", "postal_code": "40135",
                              "village": "Nowhere", "district": "Nowhere", "city": "Nowhere",
                              "province": "Nowhere"}
    o["recipient"]["address"] = {"street": "", "postal_code": "99999"}
    o["recipient"]["phone"] = "call me"
    o["parcel"] = {"weight_g": "heavy", "length_cm": "a", "width_cm": 0, "height_cm": 10**9}
    o["payment"] = {"method": "cash", "tendered": -1}
    out.append(o)
    o = copy.deepcopy(EXAMPLE)
    o["recipient"]["address"] = {"street": "Jl. Asia Afrika 8", "postal_code": "12190",
                                 **{k: "x" * 150 for k in ("village", "district", "city",
                                                           "province")}}
    o["sender"]["address"]["postal_code"] = "12190"  # Senayan's, not Dago's: several villages
    del o["sender"]["address"]["village"], o["sender"]["address"]["district"]
    del o["sender"]["address"]["city"], o["sender"]["address"]["province"]
    out.append(o)
    o = copy.deepcopy(EXAMPLE)
    o["payment"] = "cash"
    out.append(o)
    o = copy.deepcopy(EXAMPLE)
    o["payment"] = {"method": "qris", "reference": too_long}
    o["recipient"]["address"] = "a string"
    o["parcel"]["weight_kg"] = "1.0001"
    out.append(o)
    return out


def walked_keys() -> set[str]:
    directory = LokalRegionDirectory()
    keys: set[str] = set()
    for order in _broken_orders():
        keys |= set(_problems(parse_order, order, directory))
    # The counter's prices table and the command line's quote check the parcel on its own.
    for order in _broken_orders()[2:]:
        for section, fn in (("parcel", parse_parcel), ("payment", parse_payment)):
            if isinstance(order[section], dict):
                keys |= set(_problems(fn, order[section]))
    # And the checks the services call on one typed value: a waybill, a phone, an e-mail.
    for fn in (parse_waybill, normalize_phone, normalize_email, parse_weight_g, parse_dims):
        keys |= set(_problems(fn, "12x"))
    # The loyalty card (sender only) and the courier's format of it (outlet-pos loyalty).
    o = copy.deepcopy(EXAMPLE)
    o["sender"]["loyalty_card"] = "12/34"
    keys |= set(_problems(parse_order, o, directory))
    keys |= set(_problems(lambda: CardFormat(pattern="x", min_length=9, max_length=1,
                                             prefix="?", luhn=True)))
    # A customer's request (UU PDP): the field to correct and the request's reference.
    for fn in (customer_requests.parse_field, customer_requests.clean_reference):
        keys |= set(_problems(fn, "x"))
    # Pricing: a destination the tariff does not serve.
    table = load_sample_tariff()
    parcel = parse_parcel(EXAMPLE["parcel"])
    keys |= set(_problems(lambda: quote_all(table, parcel, "99.99.99", booked_on=date.today(),
                                            calendar=WeekendCalendar())))
    return keys


def _is_msg(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Msg") or \
        (isinstance(node, ast.Name) and node.id.isupper())


def source_keys(sources: list[Path]) -> set[str]:
    """Field names as the source writes them: ("field", Msg(...)) pairs, the first argument
    of the checking helpers, ``field=`` defaults, (name, check) tables and f-string keys
    (their fixed part, e.g. ``denominations.``)."""
    found: set[str] = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple) and len(node.elts) == 2:
                first, second = node.elts
                if _is_msg(second) or isinstance(second, ast.Lambda):
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        found.add(first.value)
                    elif isinstance(first, ast.JoinedStr) and isinstance(
                            first.values[0], ast.Constant):
                        found.add(str(first.values[0].value) + "100000")
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
                    "clean_text", "check_rupiah", "whole") and node.args and isinstance(
                    node.args[0], ast.Constant):
                found.add(node.args[0].value)
            elif isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple):
                for elt in node.iter.elts:
                    if isinstance(elt, ast.Tuple) and isinstance(elt.elts[0], ast.Constant) \
                            and isinstance(elt.elts[0].value, str):
                        found.add(elt.elts[0].value)
            elif isinstance(node, ast.FunctionDef):
                args = node.args.args[-len(node.args.defaults):] if node.args.defaults else []
                for a, d in zip(args, node.args.defaults, strict=True):
                    if a.arg == "field" and isinstance(d, ast.Constant):
                        found.add(d.value)
    # Not field names: a Msg's text paired with its parameters, section names of a batch.
    return {k for k in found if re.fullmatch(r"[A-Za-z_]+(\.[A-Za-z_0-9]+)*", k)}


def test_the_walk_reaches_every_field_the_domain_names():
    walked = walked_keys()
    leaves = {k.rsplit(".", 1)[-1] for k in walked}
    missed = sorted(k for k in source_keys(DOMAIN) if k not in walked and k not in leaves)
    assert not missed, f"the domain raises these, the walk above never met them: {missed}"
    assert len(walked) > 50, sorted(walked)


@pytest.mark.parametrize("source", ["walked", "source"])
def test_every_field_has_an_indonesian_label_and_no_internal_name(source):
    keys = walked_keys() if source == "walked" else source_keys(DOMAIN + OTHERS)
    keys |= {"shipments[2].recipient.address.postal_code", "denominations.50000"}
    bad = []
    for key in sorted(keys):
        label = field_label(key)
        text = error_text(ValidationError((key, Msg("is required"))))
        if label is None:
            bad.append(f"{key}: no label")
            continue
        # An environment variable keeps its name: it is what the technician sets.
        if (key in text and not key.isupper()) or DOTTED.search(text) or "&" in text:
            bad.append(f"{key}: {text!r} shows an internal name")
        if not text.endswith(": wajib diisi"):
            bad.append(f"{key}: {text!r} (message not in Indonesian)")
    assert not bad, bad


def test_every_label_is_translated():
    untranslated = [t for t in set(FIELD_LABELS.values())
                    if tr(t, lang="id") == t and t not in SAME_IN_INDONESIAN]
    assert not untranslated, untranslated
    assert all(tr(t, lang="en") == t for t in FIELD_LABELS.values())


def test_labels_read_as_the_screen_does():
    assert problem_text("sender.phone", Msg("is required")) == "HP pengirim: wajib diisi"
    assert field_label("recipient.address.postal_code") == "Kode pos penerima"
    assert field_label("waybill") == "No. resi"
    assert field_label("password") == "Kata sandi"
    assert field_label("parcel.description") == field_label("description") == "Isi"
    assert field_label("shipments[0].sender.name") == "Kiriman 1: Nama pengirim"
    assert field_label("denominations.100000") == "Jumlah Rp 100.000"
    assert field_label("no.such.key") is None
    # A key with no label shows its message alone, never the key.
    assert error_text(ValidationError(("no.such.key", Msg("is required")))) == "wajib diisi"
    set_language("en")
    assert problem_text("recipient.phone", Msg("is required")) == \
        "Recipient phone: is required"


def test_the_command_line_names_the_label_and_the_key():
    from outlet_pos.cli.common import problem_line

    assert problem_line("recipient.phone", Msg("is required")) == \
        "HP penerima - recipient.phone: wajib diisi"
    assert problem_line("json", Msg("is required")) == "json: wajib diisi"
