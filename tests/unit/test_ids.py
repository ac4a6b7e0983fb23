"""``domain.ids.new_id`` writes version-4 UUIDs exactly as ``str(uuid.uuid4())`` does."""

from __future__ import annotations

import uuid

from outlet_pos.domain.ids import new_id


def test_new_ids_are_random_version_4_uuids_in_their_usual_text():
    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        u = uuid.UUID(text)
        assert (u.version, u.variant) == (4, uuid.RFC_4122)
        assert str(u) == text  # lower case, hyphens where uuid puts them
    # every bit that is not the version or variant varies across the ids
    ints = [uuid.UUID(t).int for t in ids]
    fixed = (0xF << 76) | (0x3 << 62)
    varying = 0
    for i in ints:
        varying |= i ^ ints[0]
    assert varying == ((1 << 128) - 1) & ~fixed
