"""Clean a text field a user typed, with the Chinese refusal every service gives."""

from .errors import ValidationError


def clean_text(value: str | None, label: str, field: str, *, required: bool = True,
               max_len: int = 5000) -> str:
    """Strip the text and NUL bytes; refuse it when required and empty, or too long."""
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise ValidationError(f"请填写{label}。", field=field)
    if len(value) > max_len:
        raise ValidationError(f"{label}不能超过{max_len}字（当前{len(value)}字）。", field=field)
    return value
