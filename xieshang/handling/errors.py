"""A refusal that names every field at fault at once, so a form can show them together."""

from xieshang.core.errors import ValidationError


class FieldErrors(ValidationError):
    """Several fields refused together: `errors` maps each field to its Chinese message.

    The message joins them, so a caller that shows one message (the API, `run_service`) still
    shows them all; `field` is the first.
    """

    def __init__(self, errors: dict[str, str]):
        super().__init__("".join(errors.values()), field=next(iter(errors)))
        self.errors = dict(errors)
