"""The sync protocol both ends share: one typed model per event kind (``events``), the
bounds every value keeps (``bounds``), the server's wording of a refusal (``problems``),
and the wire format (``wire``: request signatures, batches, signed tariffs).

``events``, ``bounds`` and ``problems`` are pure (pydantic only), so the outlet's
services build their event bodies with them; ``wire`` needs ``cryptography`` and is for
the sync client and the server. Nothing is imported here, so importing ``events`` never
loads ``wire``.
"""
