"""Driving the real counter window through a real X server, as a person does.

``XSession`` starts Xvfb on a free display (``-displayfd``: the server picks the number) and
openbox on it, and stops both. ``Driver`` runs ``outlet-pos`` commands and the window, types
with xdotool at a person's pace (80–200 ms between keys, pauses between fields), presses
keys, clicks widgets found by their accessible name, takes screenshots of the whole screen
(ImageMagick's ``import -window root``) and reads the screen through the app's probe
(outlet_pos/ui/probe.py: SIGUSR1 → JSON of every visible widget's text).

The waits poll for a condition with a deadline; the only fixed waits are the person's pauses,
which are the point. Used by tests/ui/test_x_session.py and tools/x_session.py.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PROGRAMS = ("Xvfb", "openbox", "xdotool", "import", "xprop")
SCREEN = "1366x768x24"  # a common outlet PC screen


def missing_programs() -> list[str]:
    return [p for p in PROGRAMS if shutil.which(p) is None]


class XSession:
    """Xvfb + openbox on a display of their own; ``with XSession() as x: x.env``."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.display = ""
        self._procs: list[subprocess.Popen] = []

    def __enter__(self) -> XSession:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp",
             "-noreset"], pass_fds=(write,), stdout=subprocess.DEVNULL,
            stderr=open(self.log_dir / "xvfb.log", "wb"))
        os.close(write)
        self._procs.append(xvfb)
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = os.read(read, 16)
            if not chunk:
                break
            number += chunk
        os.close(read)
        if not number.strip():
            self.__exit__(None, None, None)
            raise RuntimeError("Xvfb did not start: see " + str(self.log_dir / "xvfb.log"))
        self.display = ":" + number.decode().strip()
        wm = subprocess.Popen(["openbox", "--sm-disable"], env=self.env,
                              stdout=subprocess.DEVNULL,
                              stderr=open(self.log_dir / "openbox.log", "wb"))
        self._procs.append(wm)
        wait_until(lambda: _wm_running(self.env), 15, "openbox to manage the screen")
        return self

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND"))}
        env["DISPLAY"] = self.display
        return env

    def __exit__(self, *exc: object) -> None:
        for p in reversed(self._procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        self._procs.clear()


def _wm_running(env: dict[str, str]) -> bool:
    # A window manager sets _NET_SUPPORTING_WM_CHECK on the root window.
    out = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env,
                         capture_output=True, text=True, check=False).stdout
    return "window id" in out


def wait_until(condition: Callable[[], Any], timeout: float, what: str,
               every: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:g} s for {what}")
        time.sleep(every)


class Screen:
    """One probe dump: the visible windows and widgets."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.language: str = data["language"]
        self.windows: list[dict[str, Any]] = data["windows"]

    def widgets(self) -> Iterator[dict[str, Any]]:
        for w in self.windows:
            yield from w["widgets"]

    def find(self, name: str | tuple[str, ...] | None = None, cls: str | None = None,
             text: str | None = None) -> dict[str, Any] | None:
        """The first visible widget with this accessible name (or one of these names)."""
        names = (name,) if isinstance(name, str) else name
        for w in self.widgets():
            if names is not None and w.get("name") not in names:
                continue
            if cls is not None and w.get("cls") != cls:
                continue
            if text is not None and strip_mnemonic(w.get("text") or "") != text:
                continue
            return w
        return None

    def texts(self) -> list[str]:
        """Every text a person can read now: titles, fields, cells, headers, tab titles."""
        out = [w["title"] for w in self.windows]
        for w in self.widgets():
            for key in ("text", "placeholder"):
                if w.get(key) and not (key == "placeholder" and w.get("text")):
                    out.append(w[key])
            out += w.get("tabs", [])
            out += w.get("header", [])
            out += [c for row in w.get("cells", []) for c in row]
        return [t for t in out if t]

    def titles(self) -> list[str]:
        return [w["title"] for w in self.windows]


def strip_mnemonic(text: str) -> str:
    return re.sub(r"&(.)", r"\1", text)


class Driver:
    """The person at the counter: keyboard, mouse, eyes (the probe) and a camera."""

    def __init__(self, x: XSession, work: Path, shots: Path, seed: int) -> None:
        self.x, self.work, self.shots = x, work, shots
        self.rng = random.Random(seed)
        self.probe_path = work / "probe.json"
        self.proc: subprocess.Popen | None = None
        self.stderr_path = work / "gui-stderr.log"
        self.shot_names: list[str] = []
        self._seq = 0
        shots.mkdir(parents=True, exist_ok=True)

    # -- processes --------------------------------------------------------------------
    def app_env(self) -> dict[str, str]:
        env = self.x.env
        env.update(OUTLET_POS_KEYSTORE="file", OUTLET_POS_UI_PROBE=str(self.probe_path),
                   QT_QPA_PLATFORM="xcb", PYTHONFAULTHANDLER="1")
        env.pop("OUTLET_POS_LANG", None)  # the outlet's language: Bahasa Indonesia
        return env

    def cli(self, *args: str, stdin: str = "") -> str:
        done = subprocess.run([str(BIN / "outlet-pos"), *args], input=stdin, text=True,
                              capture_output=True, env=self.app_env(), timeout=120,
                              check=False)
        if done.returncode != 0:
            raise RuntimeError(f"outlet-pos {args[0]} failed ({done.returncode}): "
                               f"{done.stderr[-2000:]}")
        return done.stdout

    def start_gui(self, data_dir: Path) -> None:
        self.probe_path.unlink(missing_ok=True)
        self._seq = 0
        self.proc = subprocess.Popen(
            [str(BIN / "outlet-pos"), "gui", "--data-dir", str(data_dir)], env=self.app_env(),
            stdout=subprocess.DEVNULL,
            stderr=open(self.stderr_path, "wb"))  # noqa: SIM115 (the child keeps it)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace") if self.stderr_path.exists() else ""

    # -- eyes -------------------------------------------------------------------------
    def look(self, timeout: float = 10) -> Screen:
        """Ask the window for a fresh dump of what it shows (SIGUSR1) and read it."""
        assert self.proc is not None
        if not self.alive():
            raise AppDied(self.proc.returncode)
        # Until its first dump the probe is not listening: a SIGUSR1 would end the app.
        wait_until(lambda: self.probe_path.exists() or not self.alive(), 60,
                   "the window's probe to start")
        want = self._seq + 1
        self.proc.send_signal(signal.SIGUSR1)

        def fresh() -> dict[str, Any] | None:
            if not self.alive():
                raise AppDied(self.proc.returncode if self.proc else None)
            try:
                data = json.loads(self.probe_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
            return data if data.get("seq", 0) >= want else None

        data = wait_until(fresh, timeout, "the window's probe to answer SIGUSR1", 0.05)
        self._seq = data["seq"]
        return Screen(data)

    def wait_for(self, condition: Callable[[Screen], Any], what: str,
                 timeout: float = 20) -> Any:
        result: list[Any] = []

        def check() -> bool:
            value = condition(self.look())
            if value:
                result.append(value)
            return bool(value)

        wait_until(check, timeout, what, 0.2)
        return result[0]

    def shot(self, name: str) -> Path:
        """The whole X screen, as a person sees it."""
        path = self.shots / f"{len(self.shot_names) + 1:02d}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.x.env, check=True,
                       timeout=30, capture_output=True)
        self.shot_names.append(path.name)
        return path

    # -- hands ------------------------------------------------------------------------
    def _xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.x.env, check=True, timeout=60,
                       capture_output=True)

    def pause(self, low: float = 0.3, high: float = 2.0) -> None:
        """A person's pause between fields (looking at the customer, at the paper)."""
        time.sleep(self.rng.uniform(low, high))

    def type(self, text: str) -> None:
        """Type at a person's pace: one delay per word, 80–200 ms between keys."""
        for word in re.split(r"(?<= )", text):
            if word:
                self._xdotool("type", "--delay", str(self.rng.randint(80, 200)), "--", word)

    def key(self, *keys: str, pause: bool = True) -> None:
        for k in keys:
            self._xdotool("key", "--clearmodifiers", k)
            if pause:
                time.sleep(self.rng.uniform(0.12, 0.35))

    def field(self, text: str, then: str | None = "Return") -> None:
        """Type one field's value, then (usually) Enter, then a pause."""
        self.type(text)
        if then:
            self.key(then)
        self.pause()

    def click(self, widget: dict[str, Any]) -> None:
        x, y, w, h = widget["rect"]
        self._xdotool("mousemove", "--sync", str(x + w // 2), str(y + h // 2))
        time.sleep(self.rng.uniform(0.15, 0.4))
        self._xdotool("click", "1")
        self.pause(0.2, 0.6)

    def close_window(self) -> None:
        """Alt+F4 through the window manager, as a person closes a window."""
        self.key("alt+F4")

    def stop(self) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            return None  # it had to be stopped: no exit code of its own
        return self.proc.returncode


class AppDied(RuntimeError):
    def __init__(self, rc: int | None) -> None:
        super().__init__(f"the counter window's process ended (rc {rc})")
        self.rc = rc
