"""The parcel as weighed and measured at the counter (integer grams and centimetres)."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Msg
from .errors import ValidationError, collect
from .money import check_rupiah
from .text import clean_text

MAX_WEIGHT_G = 1_000_000  # 1 tonne: more than a counter takes, even by trucking
MAX_SIDE_CM = 600
MAX_PIECES = 100
PACKING_KINDS = ("none", "bubble", "wood")


@dataclass(frozen=True, slots=True)
class Parcel:
    """A consignment: ``pieces`` parcels of the same ``dims_cm``, ``weight_g`` in total."""

    weight_g: int
    length_cm: int
    width_cm: int
    height_cm: int
    description: str
    pieces: int = 1
    declared_value: int = 0
    insured: bool = False
    cod_amount: int = 0
    packing: str = "none"

    @property
    def volume_cm3(self) -> int:
        return self.length_cm * self.width_cm * self.height_cm * self.pieces

    @classmethod
    def create(
        cls,
        *,
        weight_g: object,
        length_cm: object,
        width_cm: object,
        height_cm: object,
        description: object,
        pieces: object = 1,
        declared_value: object = 0,
        insured: object = False,
        cod_amount: object = 0,
        packing: object = "none",
    ) -> Parcel:
        """Validate every field and report all problems at once."""
        problems: list[tuple[str, str]] = []

        def whole(field: str, value: object, lo: int, hi: int, unit: Msg) -> int:
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append((field, Msg("must be a whole number of {unit}", unit=unit)))
                return lo
            if not lo <= value <= hi:
                problems.append((field, Msg("must be between {lo} and {hi} {unit}", lo=lo, hi=hi,
                                                 unit=unit)))
            return value

        w = whole("weight_g", weight_g, 1, MAX_WEIGHT_G, Msg("grams"))
        dims = [
            whole(name, v, 1, MAX_SIDE_CM, Msg("cm"))
            for name, v in (("length_cm", length_cm), ("width_cm", width_cm),
                            ("height_cm", height_cm))
        ]
        n = whole("pieces", pieces, 1, MAX_PIECES, Msg("pieces"))
        desc = ""
        try:
            desc = clean_text("description", description, max_len=200)
        except ValidationError as e:
            problems += e.problems
        money: dict[str, int] = {}
        for name, v in (("declared_value", declared_value), ("cod_amount", cod_amount)):
            try:
                money[name] = check_rupiah(name, v)
            except ValidationError as e:
                problems += e.problems
                money[name] = 0
        if not isinstance(insured, bool):
            problems.append(("insured", Msg("must be true or false")))
        elif insured and money["declared_value"] <= 0:
            problems.append(("declared_value",
                             Msg("is required for insurance: enter the goods' value")))
        if packing not in PACKING_KINDS:
            problems.append(("packing", Msg("must be one of: {choices}",
                                         choices=", ".join(PACKING_KINDS))))
        collect(problems)
        return cls(
            weight_g=w, length_cm=dims[0], width_cm=dims[1], height_cm=dims[2],
            description=desc, pieces=n, declared_value=money["declared_value"],
            insured=bool(insured), cod_amount=money["cod_amount"], packing=str(packing),
        )
