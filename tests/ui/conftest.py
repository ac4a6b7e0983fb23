"""UI test fixtures: exports (the closing's PDF) go to the test's temporary directory,
never into the Documents folder of whoever runs the tests."""

from __future__ import annotations

import pytest

from outlet_pos.reports.private_file import EXPORTS_ENV


@pytest.fixture(autouse=True)
def exports_in_tmp(tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    monkeypatch.setenv(EXPORTS_ENV, str(folder))
    return folder
