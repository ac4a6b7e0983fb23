"""The installers' sources agree with the app: the PyInstaller spec keeps our data files and
the Qt platform plugins, the udev rule covers every USB printer profile, the desktop entry
is valid and opens the window, the .deb depends on what Qt's xcb plugin needs, and the NSIS
script passes the switches to flags `outlet-pos setup` really has (and compiles, where
makensis is installed). The builds themselves run in `make package` / `make package-test`."""

from __future__ import annotations

import ast
import configparser
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from outlet_pos.cli.main import build_parser
from outlet_pos.ui.platform_check import XCB_PACKAGES

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"
SPEC = INSTALLERS / "pyinstaller" / "outlet-pos.spec"
NSI = INSTALLERS / "windows" / "outlet-pos.nsi"
RULE = ROOT / "printers" / "udev" / "60-outlet-pos-printers.rules"
DESKTOP = INSTALLERS / "linux" / "outlet-pos.desktop"


def _subcommand(name: str):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub.choices[name]


def _spec_filters() -> dict:
    """The spec's file filter (_keep and what it uses), run outside PyInstaller."""
    tree = ast.parse(SPEC.read_text())
    wanted = {"_DROP_PLUGINS", "_DROP_LIBS", "_SYSTEM_LIB", "_keep"}
    nodes = [n for n in tree.body
             if (isinstance(n, ast.FunctionDef) and n.name in wanted)
             or (isinstance(n, ast.Assign) and any(getattr(t, "id", "") in wanted
                                                     for t in n.targets))]
    assert len(nodes) == len(wanted), "the spec's filter changed shape; update this test"
    ns: dict = {"re": re, "sys": sys}
    exec(compile(ast.Module(body=nodes, type_ignores=[]), str(SPEC), "exec"), ns)
    return ns


def test_spec_compiles_and_names_every_data_source():
    text = SPEC.read_text()
    compile(text, str(SPEC), "exec")
    for needed in ('collect_data_files("escpos")', "outlet_pos_id.qm", "outlet_pos_id.ts",
                   '"resources"', '"printers"', '"migrations"', "entry_cli.py", "entry_gui.py",
                   'name="outlet-pos"', 'name="outlet-pos-gui"', "console=False"):
        assert needed in text, needed
    for path in ("resources/fonts/DejaVuSans.ttf", "resources/fonts/DejaVuSans-Bold.ttf",
                 "outlet_pos/storage/migrations/env.py", "installers/pyinstaller/entry_cli.py",
                 "installers/pyinstaller/entry_gui.py"):
        assert (ROOT / path).exists(), path


def test_spec_filter_keeps_our_files_and_the_platform_plugins():
    keep = _spec_filters()["_keep"]
    ours = [f"outlet_pos/printer_profiles/{p.name}" for p in (ROOT / "printers").glob("*.json")]
    ours += [f"outlet_pos/resources/fonts/{p.name}" for p in (ROOT / "resources/fonts").iterdir()]
    ours += ["outlet_pos/i18n/outlet_pos_id.qm", "escpos/capabilities.json",
             "outlet_pos/printer_profiles/udev/60-outlet-pos-printers.rules",
             "lokal/data/desa.json.gz", "libusb-1.0.so.0", "libpython3.11.so.1.0"]
    for plugin in ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "platforms/qwindows.dll",
                   "platforms/qoffscreen.dll", "xcbglintegrations/libqxcb-glx-integration.so",
                   "imageformats/libqjpeg.so", "styles/qmodernwindowsstyle.dll"):
        ours.append(f"PySide6/Qt/plugins/{plugin}")
    dropped = [d for d in ours if not keep((d, "src", "DATA"))]
    assert dropped == []
    for gone in ("PySide6/Qt/plugins/platformthemes/libqgtk3.so",
                 "PySide6/Qt/plugins/platforms/libqwayland-egl.so",
                 "PySide6/Qt/plugins/platforms/libqeglfs.so", "libX11.so.6", "libxcb-shm.so.0",
                 "libfontconfig.so.1", "libcairo.so.2"):
        assert not keep((gone, "src", "BINARY")), gone
    # Pillow's own copies (hashed names) stay
    assert keep(("libxcb-9065bb12.so.1.1.0", "src", "BINARY"))


def _usb_ids() -> set[tuple[str, str]]:
    ids = set()
    for path in (ROOT / "printers").glob("*.json"):
        for u in json.loads(path.read_text()).get("usb", []):
            ids.add((f"{int(u['vendor_id'], 16):04x}", f"{int(u['product_id'], 16):04x}"))
    return ids


def test_udev_rule_covers_every_usb_printer_profile():
    rules = RULE.read_text()
    covered = set(re.findall(r'ATTRS\{idVendor\}=="([0-9a-f]{4})", '
                             r'ATTRS\{idProduct\}=="([0-9a-f]{4})"', rules))
    ids = _usb_ids()
    assert ids, "no USB ids in printers/*.json"
    assert ids - covered == set()
    for line in rules.splitlines():
        if line and not line.startswith("#"):
            assert 'SUBSYSTEM=="usb"' in line
            assert 'TAG+="uaccess"' in line and 'MODE="0664"' in line
    build = (INSTALLERS / "linux" / "build_deb.sh").read_text()
    assert "printers/udev/$RULE" in build and "/etc/udev/rules.d" in build


def test_desktop_entry_is_valid_and_opens_the_window():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Name"] == "Outlet POS"
    assert d["Icon"] == "outlet-pos" and d["Terminal"] == "false"
    assert d["Categories"].endswith(";") and d["Keywords"].endswith(";")
    program, command = d["Exec"].split()
    assert program == "outlet-pos"
    _subcommand(command)  # the command exists
    assert "Comment[id]" in d and "GenericName[id]" in d
    validate = shutil.which("desktop-file-validate")
    if validate:
        p = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True)
        assert p.returncode == 0 and not p.stdout.strip(), p.stdout


def test_deb_depends_on_what_qt_needs():
    build = (INSTALLERS / "linux" / "build_deb.sh").read_text()
    depends = build[build.index('DEPENDS="'):build.index('"\n', build.index('DEPENDS="'))]
    listed = {name.split()[0] for name in re.split(r",\s*(?:\\\n)?", depends[9:])}
    qt_script = (ROOT / "tools" / "ensure_qt_libs.sh").read_text()
    from_script = set(re.findall(r"\b(lib[a-z0-9.+-]+[0-9])\b", qt_script))
    missing = (set(XCB_PACKAGES) | from_script) - listed
    assert missing == set(), f"add to Depends in build_deb.sh: {sorted(missing)}"


def _nsis_setup_flags() -> set[str]:
    text = NSI.read_text()
    section = text[text.index('Section "-setup"'):text.index("SectionEnd",
                                                             text.index('Section "-setup"'))]
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", section))


def test_nsis_switches_become_setup_flags_the_cli_has():
    text = NSI.read_text()
    switches = set(re.findall(r'!insertmacro Switch "([A-Z]+)"', text))
    assert {"OUTLET", "TERMINAL", "SERVER", "ENROLLCODE", "PRINTER", "PROFILE",
            "LANG"} <= switches
    flags = _nsis_setup_flags()
    assert {"--outlet-number", "--terminal", "--server", "--enroll-code", "--printer",
            "--profile", "--language"} <= flags
    setup = _subcommand("setup")
    known = {o for a in setup._actions for o in a.option_strings}
    assert flags - known == set(), "the installer passes flags outlet-pos setup does not know"
    # every switch documented in the header comment is parsed, and the reverse
    header = text[text.index("Technicians' switches"):text.index("Unicode true")]
    documented = set(re.findall(r"/([A-Z]+)=", header))
    assert documented - {"D"} == switches


def test_nsis_script_compiles(tmp_path):
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.skip("makensis not installed (apt-get install nsis; make package installs it)")
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    for exe in ("outlet-pos.exe", "outlet-pos-gui.exe"):
        (bundle / exe).write_bytes(b"stand-in")
    out = tmp_path / "outlet-pos-0.1.0-setup.exe"
    p = subprocess.run([makensis, "-V2", "-INPUTCHARSET", "UTF8", f"-DBUNDLE={bundle}",
                        "-DVERSION=0.1.0", f"-DOUTFILE={out}", str(NSI)],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "warning" not in p.stdout.lower(), p.stdout
    assert out.read_bytes()[:2] == b"MZ"


def test_nsis_leaves_setup_to_the_counters_account_unless_told_setupnow(tmp_path):
    """Setup run by the elevated installer would land in the installer's profile."""
    from outlet_pos import setup_answers

    text = NSI.read_text()
    section = text[text.index('Section "-setup"'):]
    section = section[:section.index("SectionEnd")]
    write_answers = section.index("Call WriteAnswers")
    assert write_answers < section.index("ExecWait"), "answers first; setup only after"
    assert '$OptSetupNow == ""' in section[:write_answers]
    keys = set(re.findall(r'!insertmacro Answer "([a-z_]+)"', text))
    keys |= set(re.findall(r'WriteINIStr "\$R5" "setup" "([a-z_]+)"', text))
    assert {"outlet_number", "terminal", "manager", "enroll_code", "printer"} <= keys
    sample = "[setup]\n" + "".join(f"{k}={'1' if k in ('outlet_number', 'terminal') else 'yes'}\n"
                                   for k in keys)
    (tmp_path / "a.ini").write_text(sample, encoding="utf-8")
    assert set(setup_answers.load(tmp_path / "a.ini")) == keys  # every key is understood
    assert "password" not in " ".join(keys)
    assert "setup-answers.ini" in text[text.index('Section "Uninstall"'):]
