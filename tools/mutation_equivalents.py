"""Surviving mutants judged equivalent (no test can tell them from the original), and why.

Keyed by mutmut's mutant name, with the mutated line as mutmut shows it: when the code
changes and the numbering moves, a name that no longer shows this line is counted as a
real survivor again, never silently excused.
"""

from __future__ import annotations

#: mutant name -> (mutated line, why it is equivalent)
EQUIVALENT: dict[str, tuple[str, str]] = {
    "outlet_pos.central.checks.x_json_problem__mutmut_33": (
        "elif isinstance(value, bool) and value is None:",
        "a bool then falls to the int branch, where True and False (1 and 0) are in range: "
        "None either way"),
    "outlet_pos.domain.address.x_name_key__mutmut_8": (
        'n = _PREFIX.sub("XXXX", n)',
        "the key is lower-cased before the prefix goes, and the next step drops everything "
        "but digits and lower-case letters: the capital X's vanish with it"),
    "outlet_pos.domain.address.x_resolve_address__mutmut_15": (
        "problems = e.problems",
        "the street is checked first, while the list is still empty: assigning the street's "
        "problems or adding them to nothing gives the same list"),
    "outlet_pos.domain.address.x_resolve_address__mutmut_17": (
        "street_s = None",
        "a refused street is never read: its problem is in the list, so the last "
        "collect(problems) raises before the Address is built"),
    "outlet_pos.domain.address.x_resolve_address__mutmut_18": (
        'street_s = "XXXX"',
        "as above: the stand-in street of a refused street is never read"),
    "outlet_pos.domain.address.x_resolve_address__mutmut_32": (
        "typed[field] = clean_text(field, v, max_len=100, required=None)",
        "clean_text tests `required` for truth only: None and False are the same"),
    "outlet_pos.domain.address.x_resolve_address__mutmut_48": (
        'pc = postal_code.strip() if isinstance(postal_code, str) else str(postal_code or "XXXX")',
        "a missing postal code (None, 0) becomes '' or 'XXXX': neither is 5 digits, and both "
        "get the same 'must be 5 digits' problem"),
    "outlet_pos.domain.address.x\u01c1RegionDirectory\u01c1search__mutmut_1": (
        "def search(self, text: str, limit: int = 31) -> list[Village]:",
        "a Protocol's stub, never called: the default that runs is refdata.regions' "
        "(tested with the region directory)"),
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
