# The reference image: one image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.12-slim-bookworm AS base

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv UV_PYTHON_DOWNLOADS=never PATH="/opt/venv/bin:$PATH"

# WeasyPrint needs Pango; fonts for PDFs; libpq for psycopg (binary wheel brings its own).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv==0.13.8
WORKDIR /app
COPY pyproject.toml uv.lock ./
# Compiled once into the image (PYTHONDONTWRITEBYTECODE: nothing is written at run time):
# otherwise every web, worker and beat process compiles ~1,700 modules at its start.
RUN uv sync --frozen --no-dev --no-install-project --compile-bytecode

COPY . .
RUN python -m compileall -q -x '(^|/)tests/' . \
    && DEBUG=true python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 zvhd && mkdir -p /data/media && chown zvhd /data/media

USER zvhd
ENV MEDIA_ROOT=/data/media
EXPOSE 8000
CMD ["gunicorn", "zvhd.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--config", "zvhd/gunicorn.conf.py"]
