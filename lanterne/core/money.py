from decimal import ROUND_HALF_UP, Decimal


def round_display(value: Decimal, places: int = 1) -> Decimal:
    """The one display-rounding rule: half away from zero, at the given number of places."""
    quantum = Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def percent_display(numerator: int, denominator: int, places: int = 1) -> Decimal | None:
    """The one display rule for shares: the exact ratio × 100, rounded half away from zero at
    `places` decimals, computed on integers so that no binary or early rounding creeps in.

    250 458 / 564 711 = 44.3514… % → 44.4 (the printed 2024-2025 panorama shows 44.3, which
    truncates the two-decimal 44.35). None when the denominator is 0 or missing: no share.
    """
    if not denominator:
        return None
    scale = 10**places
    scaled_num = abs(numerator) * 100 * scale * 2 + abs(denominator)
    quotient = scaled_num // (2 * abs(denominator))
    sign = -1 if (numerator < 0) != (denominator < 0) and numerator != 0 else 1
    return (Decimal(sign * quotient) / Decimal(scale)).quantize(Decimal(1).scaleb(-places))
