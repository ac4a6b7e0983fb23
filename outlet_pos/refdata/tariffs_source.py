"""Where the current tariff comes from: the bundled sample until the server sends one."""

from __future__ import annotations

from ..domain.tariff import TariffTable
from .tariffs import load_sample_tariff


class BundledTariffs:
    """TariffSource over the tariff shipped in resources/tariffs."""

    def current(self, uow: object = None) -> TariffTable:
        return load_sample_tariff()
