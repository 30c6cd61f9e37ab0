"""How long the DPO's publish POST takes, side by side: queued for the worker (as the portal runs now) and with
the PDF rendered inside the request (as it did before), then how long the worker takes per publish.

    python bench/publish_latency.py [--notices 15] [--size 12] [--database NAME]

Builds, in a throwaway database (SQLite, or PostgreSQL database NAME, dropped and made again) and media
folder, 2 × `--notices` notices in review, each with `--size` records of each kind. Then, through Django's
test client signed in as the DPO, POSTs "Publish" for each: half with the database queue (the request
records the job and its task; nothing is rendered), half with the immediate backend (the task, PDF and all,
runs inside the request, which is what publishing in the request cost). Prints the median, p95 and max of
each and the ratio; then runs `db_worker --batch` over the queued half and prints its time per publish.
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throwaway import OVERRIDE, council, notice_in_review, run, signed_in_client, throwaway_portal  # noqa: E402

SCRIPT = str(Path(__file__).resolve())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=15, help="publishes measured each way")
    parser.add_argument("--size", type=int, default=12, help="records of each kind in every notice")
    parser.add_argument("--database", help="a PostgreSQL database to make for the run (default: SQLite)")
    parser.add_argument("--step", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        import django

        django.setup()
        print(json.dumps(_measure(args)))
        return
    with throwaway_portal(args.database) as env:
        result = json.loads(run(env, SCRIPT, "--step", "--notices", str(args.notices), "--size", str(args.size)))
    print(f"{'publish POST':<34} {'n':>3} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'median CPU ms':>14}")
    for label, key in (("queued for the worker (now)", "queued"), ("PDF rendered in the request", "in_request")):
        wall, cpu = [t[0] for t in result[key]], [t[1] for t in result[key]]
        print(f"{label:<34} {len(wall):>3} {statistics.median(wall):>10.0f} {_p95(wall):>8.0f} {max(wall):>8.0f} "
              f"{statistics.median(cpu):>14.0f}")
    ratio = statistics.median(t[0] for t in result["in_request"]) / statistics.median(t[0] for t in result["queued"])
    cpu_ratio = (statistics.median(t[1] for t in result["in_request"])
                 / statistics.median(t[1] for t in result["queued"]))
    print(f"\nThe queued POST is {ratio:.0f}x faster (median wall time; {cpu_ratio:.0f}x in CPU time). "
          f"The worker then took "
          f"{result['worker_seconds'] / args.notices * 1000:.0f} ms per publish "
          f"({result['published']} of {args.notices} published).")


def _p95(times: list[float]) -> float:
    return sorted(times)[max(0, round(len(times) * 0.95) - 1)]


def _publish_all(client, versions) -> list[tuple[float, float]]:
    """(wall ms, CPU ms) of each POST: on a shared machine the CPU time this process spent is the steadier."""
    times = []
    for version in versions:
        started, cpu = time.perf_counter(), time.process_time()
        response = client.post(f"/manage/notices/{version.notice_id}/review/publish/", {"override_reason": OVERRIDE})
        times.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000))
        assert response.status_code == 302 and "/publishing/" in response["Location"], response.status_code
    return times


def _measure(args) -> dict:
    from django.core.management import call_command
    from django.test.utils import override_settings, setup_test_environment

    from notices.models import PublishJob
    from notices.pdf import render_pdf

    setup_test_environment()
    organisation, controller, officer, dpo, relations = council(args.size)
    versions = [notice_in_review(n, organisation=organisation, controller=controller, officer=officer,
                                 relations=relations) for n in range(2 * args.notices)]
    render_pdf(versions[0].submitted_document)  # warm up: fonts, templates and stylesheet load once per process
    client = signed_in_client(dpo)
    # Warm up as a DPO does, opening the review page first: addresses, templates and views load once per process.
    assert client.get(f"/manage/notices/{versions[0].notice_id}/review/").status_code == 200
    # Interleaved in pairs, so that noise from the shared machine falls on both alike.
    queued, in_request = [], []
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    for n in range(args.notices):
        queued += _publish_all(client, versions[2 * n:2 * n + 1])
        with override_settings(TASKS=immediate):
            in_request += _publish_all(client, versions[2 * n + 1:2 * n + 2])
    started = time.perf_counter()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO(),
                 stderr=io.StringIO())
    worker_seconds = time.perf_counter() - started
    queued_ids = [v.pk for v in versions[0::2]]
    published = PublishJob.objects.filter(version__in=queued_ids, status=PublishJob.Status.DONE).count()
    return {"queued": queued, "in_request": in_request, "worker_seconds": worker_seconds, "published": published}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    main()
