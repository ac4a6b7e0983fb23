"""What every scale link shares: waiting for a stable reading, and its profile's name."""

from __future__ import annotations

import time

from ..domain.scale_readings import Reading
from .profiles import ScaleProfile


class Weighing:
    """Mixed into a link that has ``profile`` and ``read(timeout)``."""

    profile: ScaleProfile

    @property
    def profile_name(self) -> str:
        return self.profile.name

    def read(self, timeout: float | None = None) -> Reading:
        raise NotImplementedError

    def weigh(self, timeout: float | None = None, poll: float = 0.1) -> Reading:
        """A stable reading if one comes within ``timeout``, else the last one read.

        A fault (unplugged, no answer, garbage) ends it at once: it will not settle.
        """
        deadline = time.monotonic() + (self.profile.read_timeout if timeout is None else timeout)
        while True:
            reading = self.read(max(deadline - time.monotonic(), 0.05))
            if reading.stable or time.monotonic() + poll >= deadline:
                return reading
            time.sleep(poll)  # a moving parcel settles in tenths of a second
