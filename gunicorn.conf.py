"""gunicorn for the portal, sized for a 2-core machine behind nginx (deploy/nginx/nginx.conf).

nginx buffers whole requests and responses, so a worker thread is never held by a slow client; the
threads are for requests waiting on PostgreSQL or storage. Every value can be changed by environment
variable without rebuilding the image.
"""

import os
import resource

import gunicorn.http.wsgi

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104 (inside the container, on the internal network)
# One process per core (CPU-bound work such as a draft PDF holds one), each with threads for I/O waits.
# Two threads, not more: with four, requests queued behind each other on the GIL and the slowest public
# pages took half as long again (bench/public_pages.py, p99 at 10 connections).
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A draft PDF renders on request (published ones are stored); 60 s is far beyond the slowest, so a
# worker this slow is stuck and is replaced. nginx's proxy_read_timeout matches it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# nginx keeps connections to us open (upstream keepalive); a little over its idle time.
keepalive = 75
# WeasyPrint and PDF parsing (a draft PDF, an imported notice) grow a worker's memory; a worker whose peak
# resident size passes GUNICORN_MAX_WORKER_MB finishes its requests and is replaced (post_request below).
# Not gunicorn's max_requests: recycling by count replaced each worker every second or two under load,
# and each new worker's first requests (Django loaded afresh) were the slowest a reader waited for.
max_worker_mb = int(os.environ.get("GUNICORN_MAX_WORKER_MB", "512"))
# Heartbeat files in memory, not on the container's overlay disk.
worker_tmp_dir = "/dev/shm"  # noqa: S108 (gunicorn's documented choice in containers)
# nginx writes the access log (with the request id); gunicorn's own errors go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The portal decides which forwarded headers to believe (TRUSTED_PROXIES); gunicorn believes the same.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1")
control_socket_disable = True
# Tell no one which server answers: gunicorn has no setting for its Server header, so name it here
# (nginx does not pass it on in any case).
gunicorn.http.wsgi.SERVER = "portal"


def post_request(worker, req, environ, resp):
    # ru_maxrss is the process's peak resident size, in KiB on Linux.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    if peak_mb > max_worker_mb and worker.alive:
        worker.log.info("Worker %s reached %s MB (limit %s MB): replacing it", worker.pid, peak_mb, max_worker_mb)
        worker.alive = False  # gunicorn finishes the requests in hand, then the arbiter starts a fresh worker
