"""The committed OpenAPI document is the sync contract: it must match the server."""

from __future__ import annotations

import json
from pathlib import Path

from outlet_pos.central.cli import contract

DOC = Path(__file__).resolve().parents[2] / "docs" / "sync-openapi.json"


def test_committed_contract_matches_the_server():
    assert json.loads(DOC.read_text()) == json.loads(json.dumps(contract())), (
        "the API changed: review the change, then run "
        "`outlet-pos-central openapi --out docs/sync-openapi.json` and commit it")


def test_contract_is_versioned_and_signed_routes_say_so():
    doc = contract()
    assert all(p.startswith("/v1/") for p in doc["paths"])
    assert doc["paths"]["/v1/events"]["post"]["security"] == [{"deviceSignature": []}]
    assert "security" not in doc["paths"]["/v1/enroll"]["post"]
    assert "Batch" in doc["components"]["schemas"]
