"""HTML to PDF with WeasyPrint, fetching nothing but our own static files.

Never call this inside a request (CONVENTIONS rule 9): a Celery task renders a view-model into
a template and stores the PDF on a model row that holds status and file.

The URL fetcher serves `/static/...` (and `static:` relative URLs resolved against our base URL)
straight from the static-file finders and refuses everything else: no network, no file:// of
arbitrary paths, no data from other hosts, so a value typed by a user can never make the
renderer fetch something.
"""

from __future__ import annotations

import functools
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

BASE_URL = "https://zvhd.invalid/"


class RefusedURL(ValueError):
    pass


@functools.cache
def _fetcher_class():
    """StaticOnlyURLFetcher, defined on first use: WeasyPrint costs ~2 s to import, and every
    process (manage.py, a worker, a test run) paid that at start-up for a PDF it rarely makes."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        """A WeasyPrint URL fetcher that resolves only our static files (and data: URIs)."""

        def __init__(self):
            super().__init__(allowed_protocols={"data", "https"}, fail_on_errors=False)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                # Inline images made by our own code (charts as SVG data URIs).
                return super().fetch(url, headers)
            prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
            if not url.startswith(prefix):
                raise RefusedURL(f"PDF rendering may fetch only our static files, not {url!r}")
            relative = url[len(prefix) :].split("?", 1)[0].split("#", 1)[0]
            if ".." in Path(relative).parts:
                raise RefusedURL(f"Refused path {relative!r}")
            path = finders.find(relative)
            if not path:
                raise RefusedURL(f"No static file {relative!r}")
            mime, _ = mimetypes.guess_type(path)
            body = Path(path).read_bytes()
            headers = {"Content-Type": mime or "application/octet-stream"}
            return URLFetcherResponse(url, body, headers)

    return StaticOnlyURLFetcher


def __getattr__(name):
    if name == "StaticOnlyURLFetcher":
        return _fetcher_class()
    raise AttributeError(name)


# Tagged PDF for screen readers (PDF/UA-1): structure tags, the document's language from
# <html lang> and its title from <title> shown in the reader's title bar (issue 23).
PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, attachments=()) -> bytes:
    """`attachments`: (name, bytes) pairs embedded as files in the PDF (the inzage's
    documents); given as bytes, so the fetcher is never asked for them."""
    from weasyprint import HTML, Attachment

    embedded = [Attachment(string=body, name=name) for name, body in attachments]
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()()).write_pdf(
        attachments=embedded or None, pdf_variant=PDF_VARIANT
    )


def render_pdf(template_name: str, context: dict, attachments=()) -> bytes:
    """Render `template_name` (which should extend `pdf/base.html`) to PDF bytes."""
    html = render_to_string(template_name, {"static_base": BASE_URL, **context})
    return html_to_pdf(html, attachments)
