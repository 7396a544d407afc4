"""A template comment never reaches the page.

Django's `{# ... #}` is a one-line comment: over two lines it is text, and the registration
form opened with a developer's note in English ("{# Each section a fieldset ..."). A longer
note is a `{% comment %}` block. Every template of the project is read (found on disk, so a
new one cannot be forgotten); the browser walks check the rendered pages for template syntax
as well (tests/e2e/walk.py, "template-syntax").
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

SKIP = {".venv", "node_modules", "staticfiles", ".tools", ".devdb", "var", "test-artifacts"}


def project_templates() -> list[Path]:
    root = Path(settings.BASE_DIR)
    return [
        path
        for path in root.rglob("*.html")
        if not SKIP & set(path.relative_to(root).parts) and "templates" in path.parts
    ]


def test_every_template_comment_opened_with_a_hash_is_closed_on_its_line():
    templates = project_templates()
    assert len(templates) > 100
    open_comments = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert open_comments == []
