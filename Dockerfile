# Two images from one file: `web` (the portal under gunicorn) and `proxy` (nginx with the static files).
# docker-compose.yml builds both; see README "Deploying with docker-compose".

FROM python:3.11-slim-bookworm AS web
# WeasyPrint needs Pango; Liberation Sans is the Arial-metric font the PDFs embed; pg_dump and psql
# (PostgreSQL 15, as the database) for manage.py backup and restore.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Exactly the locked versions, each checked against its hash, so two builds install the same bytes.
COPY requirements/lock.txt /app/requirements/lock.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/lock.txt
COPY . /app
# collectstatic reads the settings, which refuse to start in production without these; none is used.
RUN DEBUG=false SECRET_KEY=collectstatic-only-not-a-secret-collectstatic-only-not-a-secret \
      ALLOWED_HOSTS=localhost PORTAL_URL=https://collectstatic.invalid \
      python manage.py collectstatic --noinput
# The portal runs as an unprivileged user that owns only the media directory.
RUN useradd --system --uid 10001 portal && mkdir -p /data/media && chown portal /data/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "config.wsgi:application"]

FROM nginx:1.28-alpine AS proxy
COPY deploy/nginx/nginx.conf /etc/nginx/nginx.conf
COPY --from=web /app/staticfiles /srv/static
EXPOSE 8080
