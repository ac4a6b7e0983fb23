"""Run the scripted counter session (tests/x_scenario.py) from start to end: an X server and
window manager of its own, the outlet, the window, every step, then the checks that need the
whole run (exit code, tracebacks, Qt warnings of a widget or timer touched from another
thread, print jobs). Used by tests/ui/test_x_session.py and tools/x_session.py."""

from __future__ import annotations

import re
import time
from functools import partial
from pathlib import Path

from .x_cash import drawer_cash
from .x_checks import Result
from .x_devices import start_scale, weigh_and_scan
from .x_driver import AppDied, Driver, XSession, wait_until
from .x_scenario import Session
from .x_words import prepare_outlet

QT_THREAD_WARNING = re.compile(r"^(QObject|QBasicTimer|QWidget|QPixmap|QSocketNotifier|"
                               r"QThread|QPainter|QCoreApplication)\b.*(thread|parent)", re.I)

def run_session(out: Path, work: Path, seed: int = 15) -> Result:
    """The whole session; screenshots into ``out``, the outlet and logs into ``work``."""
    started = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    data, paper = work / "outlet", work / "paper"
    with XSession(work / "x") as x:
        driver = Driver(x, work, out, seed)
        session = Session(driver, data, paper)
        printer = prepare_outlet(driver, data, paper)
        scale = start_scale(driver, data)  # the outlet weighs on a virtual scale
        try:
            steps = [(f.__name__, f) for f in (session.log_in, session.bookings, session.void,
                                               session.lock_and_unlock, session.languages)]
            steps.insert(2, ("weigh_and_scan", partial(weigh_and_scan, session, scale)))
            steps += [("drawer_cash", partial(drawer_cash, session)),
                      ("close_day", session.close_day)]
            for name, step in steps:
                try:
                    step()
                except TimeoutError as e:
                    session.fail(name, str(e))
                    driver.shot(f"{name}-timeout")
                    driver.key("Escape", "Escape")  # a person closes what is stuck, goes on
            driver.close_window()
            try:
                wait_until(lambda: not driver.alive(), 20, "the window to close after Alt+F4")
            except TimeoutError:
                session.fail("close", "the window did not close after Alt+F4")
        except AppDied as e:
            session.fail("crash", str(e))
        finally:
            session.r.rc = driver.stop()
            printer.terminate()
            printer.wait(10)
            scale.terminate()
            scale.wait(10)
    r = session.r
    if r.rc is None:
        r.failures.append("the window's process was still running and had to be stopped")
    elif r.rc != 0:
        r.failures.append(f"the window's process ended with rc {r.rc}")
    logs = [driver.stderr(), *(p.read_text(errors="replace")
                               for p in (data / "logs").glob("*.log*"))]
    if any("Traceback" in text for text in logs):
        r.failures.append("a traceback in the window's stderr or log (see "
                          f"{driver.stderr_path} and {data / 'logs'})")
    # Qt's words for a widget, timer or notifier touched from a thread that is not its own.
    threads = [line for line in driver.stderr().splitlines() if QT_THREAD_WARNING.match(line)]
    if threads:
        r.failures.append(f"Qt warned about threads: {threads[0]!r}")
    r.print_jobs = len(list(paper.glob("job-*.bin")))
    if r.print_jobs < len(r.waybills):
        r.failures.append(f"{len(r.waybills)} bookings but only {r.print_jobs} print jobs")
    if r.failures:
        r.stderr_tail = driver.stderr()[-4000:]
    r.screenshots = driver.shot_names
    r.seconds = time.monotonic() - started
    return r
