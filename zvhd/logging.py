"""Application logs as one JSON object per line, without personal data.

Operators ship these lines to a log store that many people can read and that keeps them far
longer than the access log's rules allow for case data. So nothing personal may reach them:

- `PersonalDataFilter` (on every handler) rewrites each record before any formatter sees it:
  BSN-like numbers become `[bsn]`, query strings are cut from request lines (search terms are
  names), and a traceback is rendered and scrubbed once so the plain formatter is safe too.
- `JsonFormatter` writes a fixed set of fields. Of the request Django attaches to a record it
  takes the method and the path, never the body, the query string, headers or cookies.

A BSN is nine digits, also written 1234.56.789 or 123 456 789. We scrub every such number,
whether or not it passes the elfproef: a near-miss (a typo of a real BSN) is personal data too.
The price is that a nine-digit technical number in a message is scrubbed as well.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

BSN_MASK = "[bsn]"
_BSN = re.compile(
    r"(?<![\d.])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}\.\d{3}\.\d{3}|\d{3} \d{3} \d{3})(?![\d])"
)
# A request line as Django's runserver and gunicorn write it: "GET /path?q=jansen HTTP/1.1".
_QUERY = re.compile(r"\b((?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) [^\s?\"]*)\?[^\s\"]*")

# Attributes that callers may pass with `extra=` and that carry no personal data by design.
EXTRA_FIELDS = (
    "status_code",
    "duration_ms",
    "task_id",
    "task_name",
    "component",
    "event",
    "job_id",
    "auth_step",
    "user_id",
    "failures",
)


def scrub(text: str) -> str:
    """The text with BSN-like numbers masked and query strings cut from request lines."""
    if not text:
        return text
    return _QUERY.sub(r"\1", _BSN.sub(BSN_MASK, text))


class PersonalDataFilter(logging.Filter):
    """Scrub a record in place, so every handler and formatter downstream gets the clean one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_zvhd_scrubbed", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not lose the log line
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        record._zvhd_scrubbed = True
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and a few known fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        request = getattr(record, "request", None)
        # Django's request logger attaches the HttpRequest; runserver attaches a socket.
        method = getattr(request, "method", None)
        path = getattr(request, "path", None)
        if isinstance(method, str) and isinstance(path, str):
            entry["method"] = method
            entry["path"] = scrub(path)
        for field in EXTRA_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = scrub(value) if isinstance(value, str) else value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = scrub(record.exc_text)
        if record.stack_info:
            entry["stack"] = scrub(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
