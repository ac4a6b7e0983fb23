"""``make run``'s scale (cli/demo_scale.py): a virtual scale stored, read, and ended with it.

The whole demo's output names it too (tests/integration/test_demo.py's first run).
"""

from __future__ import annotations

import pytest

from outlet_pos.cli.demo_scale import PROTOCOLS, demo_scale
from outlet_pos.domain.scale_readings import ScaleFault, ScaleFaultKind
from outlet_pos.scales.connections import open_scale
from tests.conftest import MANAGER


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_demo_scale_is_stored_weighs_and_ends_with_the_demo(app, protocol, capsys):
    with demo_scale(app, MANAGER, 1310, protocol) as connection:
        assert connection is not None
        assert app.scale.setting() == (connection, protocol)
        said = capsys.readouterr().out  # in the language of the run
        assert f"({protocol})" in said and connection in said and "1310 g" in said
        device = app.scale.scale()
        assert device is not None and device.weigh(2.0).grams == 1310
        device.close()
    gone = open_scale(connection, protocol)
    with pytest.raises(ScaleFault) as f:
        gone.read(0.5)
    gone.close()
    assert f.value.kind in (ScaleFaultKind.UNPLUGGED, ScaleFaultKind.NO_ANSWER)
