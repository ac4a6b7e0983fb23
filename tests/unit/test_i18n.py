"""Every user-facing template has Bahasa Indonesia; translation keeps parameters."""

from __future__ import annotations

import string

from outlet_pos.domain.errors import ValidationError
from outlet_pos.domain.parcel import Parcel
from outlet_pos.i18n import Msg, catalog, tr
from outlet_pos.i18n.scan import templates


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_template_is_translated():
    done = catalog("id")
    missing = {t: where for t, where in templates().items() if t not in done}
    assert not missing, ("run python -m outlet_pos.i18n.scan --update and translate them in "
                         "outlet_pos/i18n/outlet_pos_id.ts: " + repr(missing))


def test_translations_use_the_same_parameters():
    bad = [t for t, id_ in catalog("id").items() if _fields(t) != _fields(id_)]
    assert not bad


def test_msg_is_english_text_and_translates_with_its_parameters():
    m = Msg("is too long: at most {n} characters", n=100)
    assert m == "is too long: at most 100 characters"
    assert tr(m, "id") == "terlalu panjang: paling banyak 100 karakter"
    assert tr(m, "en") == m


def test_numbers_and_units_follow_the_language():
    try:
        Parcel.create(weight_g=0, length_cm=1, width_cm=1, height_cm=1, description="x")
    except ValidationError as e:
        (field, message), = e.problems
    assert field == "weight_g"
    assert message == "must be between 1 and 1,000,000 grams"
    assert tr(message, "id") == "harus antara 1 dan 1.000.000 gram"


def test_unknown_text_passes_through():
    assert tr("Budi Santoso", "id") == "Budi Santoso"


def test_ts_file_round_trips_and_has_nothing_unfinished(tmp_path):
    from outlet_pos.i18n import TS_FILES
    from outlet_pos.i18n.ts_file import read_ts, write_ts

    contexts = read_ts(TS_FILES["id"])
    assert not [e.source for es in contexts.values() for e in es if e.unfinished]
    copy = tmp_path / "copy.ts"
    write_ts(copy, contexts)
    # The committed file is exactly what the writer produces: hand edits stay tidy.
    assert copy.read_text(encoding="utf-8") == TS_FILES["id"].read_text(encoding="utf-8")
    assert "Batal" in [e.translation for e in contexts["QPlatformTheme"]]
