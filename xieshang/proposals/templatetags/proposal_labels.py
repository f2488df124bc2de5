"""Chinese labels for the codes that proposal events carry in their payload."""

from django import template

from ..models import Conversion

register = template.Library()


@register.filter
def conversion_label(kind: str) -> str:
    """Return a conversion's kind as the decision reads (转社情民意 …); an unknown code stays
    visible rather than vanishing."""
    return dict(Conversion.Kind.choices).get(kind, kind)
