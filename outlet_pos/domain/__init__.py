"""Pure domain model: parties, addresses, parcels, money, tariffs, waybill numbers.

Nothing here does I/O or imports Qt, SQL or requests (tests/unit/test_layering.py checks).
"""
