import re

from django import template

register = template.Library()


@register.filter
def spaced(text: str) -> str:
    """Show each line break of an article as a paragraph break (the text keeps white-space: pre-wrap)."""
    return re.sub(r"(?<!\n)\n(?!\n)", "\n\n", text)
