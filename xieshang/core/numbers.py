"""Numbers as a report prints them."""


def percent(rate: float) -> str:
    """0.7689 → "76.9%", 1.0 → "100%": one decimal, as a report cites it."""
    text = f"{rate * 100:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"
