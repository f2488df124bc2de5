"""Numbers as a report prints them."""


def percent(rate: float) -> str:
    """0.7689 → "76.9%", 1.0 → "100%": one decimal, as a report cites it."""
    text = f"{rate * 100:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def rate_text(numerator: int, denominator: int) -> str:
    """The rate of two counts, or "—" when there is nothing to divide by (not "0%")."""
    return percent(numerator / denominator) if denominator else "—"
