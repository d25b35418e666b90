from decimal import ROUND_HALF_UP, Decimal


def round_display(value: Decimal, places: int = 1) -> Decimal:
    """The one display-rounding rule: half away from zero, at the given number of places."""
    quantum = Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)
