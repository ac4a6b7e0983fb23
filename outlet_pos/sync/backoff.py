"""Exponential backoff with full jitter and a cap (AWS architecture blog's "full jitter").

Waits are random in [0, min(cap, base × 2^failures)], so 8,000 outlets coming
back after a server outage do not all knock at the same second.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base_s: float = 2.0
    cap_s: float = 300.0
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def failed(self, retry_after: float | None = None) -> float:
        """Seconds to wait before the next try, after one more failure."""
        self.failures += 1
        ceiling = min(self.cap_s, self.base_s * 2 ** min(self.failures, 30))
        wait = self.rng.uniform(0, ceiling)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap_s))
        return wait

    def succeeded(self) -> None:
        self.failures = 0
