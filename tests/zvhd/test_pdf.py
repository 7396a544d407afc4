"""The PDF renderer makes a PDF and fetches nothing but our own static files."""

import pytest

from zvhd.pdf import BASE_URL, RefusedURL, StaticOnlyURLFetcher, html_to_pdf


def test_it_renders_a_pdf_with_our_stylesheet():
    pdf = html_to_pdf(
        f'<link rel="stylesheet" href="{BASE_URL}static/css/print.css"><h1>Besluitenlijst</h1>'
    )
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/secret",
        "file:///etc/passwd",
        f"{BASE_URL}static/../../etc/passwd",
        f"{BASE_URL}media/uploads/x.pdf",
        "https://elsewhere.invalid/static/css/print.css",
    ],
)
def test_it_refuses_anything_but_static_files(url):
    with pytest.raises(RefusedURL):
        StaticOnlyURLFetcher()(url)


def test_a_refused_image_does_not_stop_the_document():
    pdf = html_to_pdf('<img src="file:///etc/passwd"><p>Tekst blijft staan.</p>')
    assert pdf.startswith(b"%PDF")
