"""`{{ rate|percent_of:denominator }}`: a stored rate in one-decimal percent, "—" when its
denominator is 0."""

from django import template

from xieshang.core.numbers import percent

register = template.Library()


@register.filter
def percent_of(rate, denominator) -> str:
    return percent(float(rate or 0)) if denominator else "—"
