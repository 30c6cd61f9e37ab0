FROM python:3.11-slim-bookworm
# WeasyPrint needs Pango; Liberation Sans is the Arial-metric font the PDFs embed.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir . \
    && DEBUG=false SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput
RUN useradd --system portal && mkdir -p /data/media && chown portal /data/media
USER portal
EXPOSE 8000
