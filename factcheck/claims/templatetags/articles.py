import re
from datetime import date

from django import template
from django.forms import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from factcheck.claims.dates import MONTHS, day_label
from factcheck.claims.models import ChainLink, LinkRelation

register = template.Library()
LONE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")
BETWEEN_TAGS = re.compile(r">[ \t]*\n[ \t\r\n]*<")  # lines between tags, with their indentation


@register.tag
def compact(parser, token):
    """`{% compact %}…{% endcompact %}`: the line breaks and indentation between tags become one line break,
    which a browser shows as the same one space. Unlike `{% spaceless %}`, which drops them, the page looks
    the same: for the fragments htmx swaps in, never around text whose spacing shows (pre-wrap)."""
    nodelist = parser.parse(("endcompact",))
    parser.delete_first_token()
    return CompactNode(nodelist)


class CompactNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context) -> SafeString:
        return mark_safe(BETWEEN_TAGS.sub(">\n<", self.nodelist.render(context).strip()))  # noqa: S308 - rendered, escaped already


@register.filter("day")
def day_filter(value: date | None) -> str:
    """`{{ date|day }}`: "7 Dec 2026", as `date:"j M Y"` prints a date (dates.py); nothing for none."""
    return day_label(value, year=True) if value else ""


@register.filter
def month_name(value: date) -> str:
    """`{{ date|month_name }}`: "Dec", as `date:"M"` prints it."""
    return MONTHS[value.month - 1]


# An empty field's group as rendered once in this process, by what its HTML depends on.
EMPTY_FIELD_GROUPS: dict[tuple, SafeString] = {}


@register.filter
def field_group(field: BoundField) -> SafeString:
    """`field.as_field_group`, drawn once per process for a field of a form nobody has filled in yet: the
    same HTML every time, which Django renders from four templates at about a millisecond a field (half
    of a claim panel's template time). A filled-in, invalid or pre-set field is drawn afresh."""
    if not isinstance(field, BoundField):  # nothing there: the template's empty string, drawn as nothing
        return field
    form, definition = field.form, field.field
    filled = form.is_bound or field.errors or field.initial not in (None, "")
    # Ids of its own per form (the withdraw form's, one per claim) would fill the memo: drawn afresh too.
    if filled or form.auto_id != "id_%s" or hasattr(definition, "choices"):
        return field.as_field_group()
    attrs = tuple(sorted(definition.widget.attrs.items()))
    key: tuple = (type(form), form.prefix, form.label_suffix, form.use_required_attribute, field.name)
    key += (definition.label, definition.help_text, definition.required, definition.disabled, attrs)
    key += (type(definition.widget),)
    if key not in EMPTY_FIELD_GROUPS:
        EMPTY_FIELD_GROUPS[key] = field.as_field_group()
    return EMPTY_FIELD_GROUPS[key]


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


@register.filter
def review_action(review) -> SafeString:
    """What a history row did, in words: "added the claim", "confirmed", "disputed → confirmed", …"""
    changes = review.changes or {}
    old, new = review.get_old_status_display().lower(), review.get_new_status_display().lower()
    moved = review.old_status != review.new_status
    published = changes.get("published")
    if hop := changes.get("hop"):
        verdict = ChainLink.Verdict(hop["verdict"][1]).label.lower()
        return format_html(
            "checked hop {} ({}): <strong>{}</strong>", hop["position"] + 1, hop["source"], verdict
        )
    if link := changes.get("link"):
        return link_action(link)
    if "added" in changes:
        action = "added the claim"
    elif "withdrawn" in changes:
        action = "withdrew the claim" if changes["withdrawn"][1] else "restored the claim"
    elif published and not moved and len(changes) == 1:
        return format_html(
            "{}", "published the claim’s review" if published[1] else "took the claim’s review down"
        )
    elif changes.keys() - {"published"}:
        action = "edited the claim"
        if moved:
            action = format_html("{}, which returned it from {} to <strong>{}</strong>", action, old, new)
    else:
        action = format_html("{} → <strong>{}</strong>", old, new) if moved else new
    if published and not published[1]:  # a changed verdict, or no claim at all: the review is taken down
        return format_html("{} (its published review was taken down)", action)
    return format_html("{}", action)


def link_action(link: dict) -> SafeString:
    """A link's history line: "linked it to claim 12 as the same claim", "dismissed the suggestion …"."""
    before, after = link["relation"]
    other = format_html("claim {} (“{}”)", link["claim"], link.get("text", ""))
    if before is None and after == "dismissed":
        return format_html("dismissed the suggestion of {}", other)
    if before is None:
        return format_html("linked it to {}: <strong>{}</strong>", other, LinkRelation(after).label.lower())
    return format_html(
        "changed its link to {} from {} to <strong>{}</strong>",
        other,
        LinkRelation(before).label.lower(),
        LinkRelation(after).label.lower(),
    )
