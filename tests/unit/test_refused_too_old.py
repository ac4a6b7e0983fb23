"""The server's refusal of an event older than its events horizon (central/horizon.py), as
the outlet words it for the manager: in Indonesian, with what to do, never "send again"
(a refused old event would only be refused again)."""

from __future__ import annotations

from outlet_pos.central.horizon import too_old
from outlet_pos.i18n import tr
from outlet_pos.services.refused import UNKNOWN, reason_words, remedy_words


def test_a_refusal_as_too_old_is_worded_for_the_manager_in_indonesian():
    reason = too_old("2026-03-05T01:00:00.000000+00:00", "2026-06-01")
    assert reason is not None
    words = reason_words(f"refused by the server: {reason}")
    assert words.template != UNKNOWN and words.params == {"horizon": "2026-06-01"}
    assert tr(words, "id") == ("kejadian ini lebih lama dari yang masih disimpan server "
                               "(dibuat sebelum 2026-06-01): server tidak bisa menerimanya lagi")
    for kind in ("shipment.created", "shipment.voided", "day.closed"):
        remedy = remedy_words(kind, reason)
        assert "too old to send" in remedy and "send again" not in remedy
        assert tr(remedy, "id").startswith("kejadian ini sudah terlalu lama untuk dikirim")
    assert too_old("2026-06-01T00:00:00.000000+00:00", "2026-06-01") is None
    assert too_old("2026-03-05T01:00:00.000000+00:00", None) is None
