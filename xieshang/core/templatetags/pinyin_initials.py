"""`{{ name|initials }}`: a name's 拼音首字母 for the pickers' filter boxes (select-filter.js)."""

from django import template

from xieshang.textintel.initials import initials as name_initials

register = template.Library()


@register.filter
def initials(name) -> str:
    return name_initials(str(name or ""))
