"""Surviving mutants judged equivalent (no test can tell them from the original), and why.

Keyed by mutmut's mutant name, with the mutated line as mutmut shows it: when the code
changes and the numbering moves, a name that no longer shows this line is counted as a
real survivor again, never silently excused.
"""

from __future__ import annotations

#: mutant name -> (mutated line, why it is equivalent)
EQUIVALENT: dict[str, tuple[str, str]] = {
}
