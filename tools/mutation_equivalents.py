"""Surviving mutants judged equivalent (no test can tell them from the original), and why.

Keyed by mutmut's mutant name, with the mutated line as mutmut shows it: when the code
changes and the numbering moves, a name that no longer shows this line is counted as a
real survivor again, never silently excused.
"""

from __future__ import annotations

#: mutant name -> (mutated line, why it is equivalent)
EQUIVALENT: dict[str, tuple[str, str]] = {
    "outlet_pos.domain.party.x_normalize_phone__mutmut_32": (
        'if not raw.startswith("XX+XX") and digits.startswith("62") and len(digits) >= 10:',
        "the branch then also rewrites a number typed with its +: raw already is + and "
        "exactly these digits, and libphonenumber ignores the spaces, dashes and (0) that "
        "the rewrite drops, so the parsed number is the same"),
    "outlet_pos.domain.party.x_normalize_phone__mutmut_39": (
        'raw = "XX+XX" + digits',
        "libphonenumber starts a number at its first + or digit and drops fewer than three "
        "letters, so 'XX+XX' + digits parses exactly as '+' + digits"),
}
