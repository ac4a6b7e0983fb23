"""installers/linux/60-outlet-pos-scales.rules: group access to scales, never world-writable,
every known HID scale named, and its usage-page test run on real descriptor bytes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
RULE = ROOT / "installers" / "linux" / "60-outlet-pos-scales.rules"
LINES = [ln for ln in RULE.read_text(encoding="utf-8").splitlines()
         if ln.strip() and not ln.startswith("#")]

# A HID POS scale's descriptor opens with Usage Page (Scales) 05 8D, Usage (Scale Device)
# 09 20, Collection (Application) A1 01 (HID Point of Sale Usage Tables, usage page 0x8D).
SCALE = bytes.fromhex("05 8d 09 20 a1 01 85 03 09 32 a1 02 c0 c0")
SCALE_LONG = bytes.fromhex("06 8d 00 09 20 a1 01 c0")
# The boot keyboard's descriptor (HID 1.11, Appendix B.1), opening bytes.
KEYBOARD = bytes.fromhex("05 01 09 06 a1 01 05 07 19 e0 29 e7 15 00 25 01 75 01 95 08 81 02")
# 0x8D as a value, and 05 8D only across byte boundaries ("a0 58 d0"): not a scale.
DECOY = bytes.fromhex("05 01 09 8d a0 58 d0 c0")


def test_every_device_gets_group_access_and_nobody_else() -> None:
    modes = [m for ln in LINES for m in re.findall(r'MODE="(\d+)"', ln)]
    assert modes and all(m == "0660" for m in modes), modes
    assert all('GROUP="dialout"' in ln for ln in LINES)


def test_every_hid_scale_of_the_profiles_has_its_line() -> None:
    profile = json.loads((ROOT / "scales" / "hid-pos.json").read_text(encoding="utf-8"))
    for h in profile["hid"]:
        vid, pid = f"{int(h['vendor_id'], 16):04x}", f"{int(h['product_id'], 16):04x}"
        assert any(f'ATTRS{{idVendor}}=="{vid}"' in ln and f'ATTRS{{idProduct}}=="{pid}"' in ln
                   for ln in LINES), h


def _usage_page_test(sys_root: Path) -> str:
    (line,) = [ln for ln in LINES if "PROGRAM=" in ln]
    program = re.search(r'PROGRAM="(.*?)"', line).group(1)
    script = re.fullmatch(r"/bin/sh -c '(.*)'", program).group(1)
    return script.replace("/sys%p", str(sys_root))  # udev puts the device's sysfs path there


@pytest.mark.skipif(not (shutil.which("od") and shutil.which("paste")), reason="coreutils")
@pytest.mark.parametrize(("descriptor", "is_scale"), [
    (SCALE, True), (SCALE_LONG, True), (KEYBOARD, False), (DECOY, False)])
def test_the_usage_page_test_tells_a_scale_from_other_hid_devices(tmp_path, descriptor,
                                                                  is_scale) -> None:
    (tmp_path / "device").mkdir()
    (tmp_path / "device" / "report_descriptor").write_bytes(descriptor)
    done = subprocess.run(["/bin/sh", "-c", _usage_page_test(tmp_path)], timeout=10)
    assert (done.returncode == 0) is is_scale


def test_the_package_installs_the_rule_as_a_conffile() -> None:
    build = (ROOT / "installers" / "linux" / "build_deb.sh").read_text(encoding="utf-8")
    assert "SCALE_RULE=60-outlet-pos-scales.rules" in build
    assert '"$HERE/$SCALE_RULE" "$STAGE/etc/udev/rules.d/$SCALE_RULE"' in build
    assert '"/etc/udev/rules.d/$SCALE_RULE" > "$STAGE/DEBIAN/conffiles"' in build
    assert "--subsystem-match=hidraw" in (ROOT / "installers" / "linux" / "postinst").read_text()
