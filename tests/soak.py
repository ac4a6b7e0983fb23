"""The one switch between ``make test`` and ``make soak``, and a way to split a family of
cases between them.

``OUTLET_POS_SOAK=1`` (what ``make soak`` sets) runs every test marked ``soak``; without it
they are skipped (tests/conftest.py). ``soak_beyond`` keeps the first cases of a
parametrised test in ``make test`` and marks the rest ``soak``: list the cases so the first
ones are the ones that stand for the rest.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import pytest

SOAK = os.environ.get("OUTLET_POS_SOAK", "") not in ("", "0")


def soak_beyond(cases: Iterable[Any], keep: int, *, several: bool = False) -> list[Any]:
    """``cases`` for ``pytest.mark.parametrize``: the first ``keep`` as they are, the others
    marked ``soak``. ``several``: each case is a tuple of several arguments."""
    out: list[Any] = []
    for i, case in enumerate(cases):
        if i < keep:
            out.append(case)
        else:
            values = case if several else (case,)
            out.append(pytest.param(*values, marks=pytest.mark.soak))
    return out
