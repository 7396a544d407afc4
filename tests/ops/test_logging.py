"""Application logs are JSON lines and carry no personal data."""

import copy
import io
import json
import logging
import logging.config

import pytest
from django.conf import settings
from django.test import RequestFactory

from zvhd.logging import BSN_MASK, JsonFormatter, PersonalDataFilter, scrub


@pytest.fixture
def capture():
    """A logger wired like production (settings.LOGGING's filter and JSON formatter)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger("tests.ops.capture")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield logger, lines
    logger.handlers = []


@pytest.mark.parametrize(
    "written",
    ["123456782", "1234.56.782", "123.456.782", "123 456 782", "bsn=111222333;"],
)
def test_bsn_like_numbers_are_masked_in_every_common_spelling(written):
    assert scrub(f"aanmelding voor {written} ontvangen") == (
        f"aanmelding voor {written.replace(written.strip('bsn=;'), BSN_MASK)} ontvangen"
    )


@pytest.mark.parametrize(
    "kept",
    ["zaak 2026-0042", "12345678", "1234567890", "2026-03-01 12:30:45", "status=200 bytes=123456"],
)
def test_dates_ids_and_numbers_of_other_lengths_are_left_alone(kept):
    assert scrub(kept) == kept


def test_query_strings_are_cut_from_request_lines():
    assert scrub('"GET /zaken/?q=jansen&bsn=x HTTP/1.1" 200') == '"GET /zaken/ HTTP/1.1" 200'


def test_a_log_line_is_one_json_object_with_the_known_fields(capture):
    logger, lines = capture
    logger.info("rapport %s klaar", 7, extra={"job_id": 7, "duration_ms": 120})
    [line] = lines()
    assert line["level"] == "INFO"
    assert line["logger"] == "tests.ops.capture"
    assert line["message"] == "rapport 7 klaar"
    assert line["job_id"] == 7 and line["duration_ms"] == 120
    assert line["time"].endswith("+00:00")


def test_a_bsn_in_the_arguments_of_a_message_never_reaches_the_line(capture):
    logger, lines = capture
    logger.warning("dubbele aanmelding voor bsn %s", "123456782")
    [line] = lines()
    assert "123456782" not in json.dumps(line)
    assert BSN_MASK in line["message"]


def test_a_bsn_in_an_exception_is_scrubbed_from_the_traceback(capture):
    logger, lines = capture
    try:
        raise ValueError("Key (bsn)=(123456782) already exists.")
    except ValueError:
        logger.exception("opslaan mislukt")
    [line] = lines()
    assert "ValueError" in line["exception"]
    assert "123456782" not in json.dumps(line)


def test_the_request_body_query_string_and_cookies_are_never_logged(capture):
    logger, lines = capture
    request = RequestFactory().post(
        "/zaken/nieuw/?zoek=de+vries",
        data={"bsn": "123456782", "naam": "Jan de Vries"},
        HTTP_COOKIE="sessionid=geheim",
    )
    logger.error("Internal Server Error: %s", request.path, extra={"request": request})
    [line] = lines()
    text = json.dumps(line)
    assert line["method"] == "POST" and line["path"] == "/zaken/nieuw/"
    for secret in ("123456782", "de Vries", "de+vries", "geheim", "zoek"):
        assert secret not in text


def test_the_filter_makes_the_plain_format_safe_too():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger("tests.ops.plain")
    logger.handlers, logger.propagate = [handler], False
    try:
        raise RuntimeError("bsn 1234.56.782")
    except RuntimeError:
        logger.exception("fout bij %s", "123456782")
    assert "1234.56.782" not in stream.getvalue() and "123456782" not in stream.getvalue()
    assert "RuntimeError" in stream.getvalue()


def test_the_settings_send_every_line_through_the_filter_and_never_log_sql():
    config = settings.LOGGING
    assert config["handlers"]["console"]["filters"] == ["personal_data"]
    assert config["handlers"]["console"]["formatter"] == "json"
    # Django's own unscrubbed handlers are replaced, SQL parameters are never logged.
    assert config["loggers"]["django"]["handlers"] == []
    assert config["loggers"]["django.server"]["handlers"] == ["console"]
    assert config["loggers"]["django.db.backends"]["level"] == "INFO"
    assert settings.CELERY_WORKER_HIJACK_ROOT_LOGGER is False


def test_a_server_error_is_logged_as_json_without_the_posted_data():
    """The real LOGGING config end to end: Django's request logger, the line it writes."""
    config = copy.deepcopy(settings.LOGGING)
    stream = io.StringIO()
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        request = RequestFactory().post("/x/?q=jansen", data={"bsn": "123456782"})
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            request.path,
            extra={"request": request, "status_code": 500},
        )
    finally:
        logging.config.dictConfig(settings.LOGGING)
    written = stream.getvalue().strip()
    line = json.loads(written.splitlines()[-1])
    assert line["status_code"] == 500 and line["path"] == "/x/"
    assert line["logger"] == "django.request"
    assert "123456782" not in written and "jansen" not in written
