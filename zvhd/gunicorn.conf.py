"""gunicorn settings shared by the Procfile, the Dockerfile and docker-compose.yml.

`gunicorn zvhd.wsgi --config zvhd/gunicorn.conf.py`: bind and workers stay on the command
line (they differ per place); the logging lives here, so that no access line carries a
query string (search terms are names; see zvhd/gunicorn_logging.py and README "Logs").
"""

accesslog = "-"
# Method, path (never the query string), protocol, status, bytes, milliseconds. No referer
# (it holds the previous page's query) and no user agent.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
logger_class = "zvhd.gunicorn_logging.ScrubbingLogger"


def on_starting(server):
    """Refuse to start production without a shared cache (zvhd.checks.shared_cache_errors)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvhd.settings")
    django.setup()
    from zvhd.checks import shared_cache_errors

    errors = shared_cache_errors()
    if errors:
        for error in errors:
            server.log.error("%s %s (%s)", error.msg, error.hint, error.id)
        raise SystemExit(3)


def post_worker_init(worker):
    """Each worker resolves the URLs, compiles the templates and loads the translations before
    its first request (zvhd/warmup.py): a new worker's first page took 0.65 s, not 17 ms.
    Then what it holds for its lifetime is frozen out of garbage collection (`settle`): a
    full collection walking it was ~90 ms added to a request now and then."""
    from zvhd.warmup import settle, warm

    try:
        warm()
    except Exception:  # a warm-up never keeps a worker from serving; the page will tell
        worker.log.exception("Warm-up failed; the worker serves without it")
    settle()
