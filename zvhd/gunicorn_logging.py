"""gunicorn's logger without query strings, referers or BSNs (used by zvhd/gunicorn.conf.py).

gunicorn's default access line is the whole request line, `GET /casussen/?q=Sabine+Meijer`,
and its error log names the request URI ("Error handling request /…?bsn=…"). A search term is
a name, so both go through the same scrubbing as the project's own log (zvhd/logging.py):
the atoms that carry a query string or a referer are cut to their path, and every line passes
`PersonalDataFilter` plus a cut of any `?query` after a path, in JSON when LOG_FORMAT=json.
"""

from __future__ import annotations

import logging
import os
import re

from gunicorn.glogging import Logger

from zvhd.logging import JsonFormatter, PersonalDataFilter

_URL_QUERY = re.compile(r"((?:https?://[^\s/?\"]+)?/[^\s?\"]*)\?[^\s\"]*")
# Atoms (and header/environ atoms) that can hold a query string.
_CUT = ("{referer}i", "{query_string}e", "{raw_uri}e", "{request_uri}e")


def cut_queries(text: str) -> str:
    return _URL_QUERY.sub(r"\1", text) if text else text


class _QueryFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = cut_queries(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = cut_queries(record.exc_text)
        return True


class ScrubbingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        json_lines = os.environ.get("LOG_FORMAT", "json") == "json"
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                # Order matters: cut the query first, then the BSN filter marks it scrubbed.
                handler.addFilter(_QueryFilter())
                handler.addFilter(PersonalDataFilter())
                if json_lines:
                    handler.setFormatter(JsonFormatter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["r"] = f"{atoms.get('m')} {atoms.get('U')} {atoms.get('H')}"
        atoms["q"] = "-"
        atoms["f"] = cut_queries(atoms.get("f") or "-")
        for key in _CUT:
            if key in atoms:
                atoms[key] = cut_queries(str(atoms[key]).split("?", 1)[0])
        return atoms
