"""The demo outlet's scale: a virtual scale on a pseudo-terminal, for ``make run``.

Like the demo's virtual printer it lives inside the demo's own process (a thread
serving a pty), so it ends with the app; the demo outlet's stored scale is pointed
at it through ``ScaleService.configure`` each run (the pty's name changes). Where the
system has no pseudo-terminals (Windows) the demo runs without a scale and says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..bootstrap import App
from ..i18n import tr

PROTOCOLS = ("stream", "mettler-8217", "cas-pd2")  # the profile of the same name reads it


@contextmanager
def demo_scale(app: App, login: tuple[str, str], grams: int,
               protocol: str = "stream") -> Iterator[str | None]:
    """Yields the scale's connection string (None when this system cannot make one)."""
    from ..scales.virtual import VirtualScale

    vs = VirtualScale(protocol, grams=grams, interval=0.1)
    try:
        vs.start()
    except (ImportError, AttributeError, OSError) as e:  # no os.openpty / tty here
        print("    " + tr("(no virtual scale on this system: {why}; the weight is typed)",
                          why=type(e).__name__))
        yield None
        return
    try:
        connection = f"serial:{vs.path}"
        app.scale.configure(app.auth.login(*login), connection, protocol)
        scale = app.scale.scale()
        reading = scale.weigh(2.0) if scale is not None else None
        if scale is not None:
            scale.close()  # the counter window opens its own
        print("    " + tr("virtual scale ({protocol}) on {connection}: it reads {grams} g",
                          protocol=protocol, connection=connection,
                          grams=str(reading.grams if reading else "-")))
        yield connection
    finally:
        vs.stop()
