import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
LONE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


@register.filter(needs_autoescape=True)
def spaced(text: str, autoescape: bool = True) -> SafeString:
    """Show each line break of an article as a paragraph break (the text keeps white-space: pre-wrap).

    The added break sits in a `para-gap` of its own, so the text without those spans is the article's
    text exactly, character for character: static/js/select.js counts offsets on it.
    """
    escaped = conditional_escape(text) if autoescape else text
    return mark_safe(LONE_BREAK.sub('\n<span class="para-gap" aria-hidden="true">\n</span>', escaped))  # noqa: S308 - escaped above


SYMBOLS = {"confirmed": "✓", "disputed": "✗"}


@register.filter
def status_symbol(status: str) -> str:
    """The mark a status is shown with beside its name: ✓ confirmed, ✗ disputed, ? unverified."""
    return SYMBOLS.get(status, "?")
