"""Template comments stay out of the page: Django's {# #} ends on its own line, or it renders as text."""

import re

from django.conf import settings


def test_no_template_comment_runs_past_its_line():
    unclosed = re.compile(r"\{#(?!.*#\})")
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in sorted((settings.BASE_DIR / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if unclosed.search(line)
    ]
    assert found == [], "use {% comment %} for a comment over several lines"
