"""The DPO's export of many published versions: peak memory, side by side, and how long the web request takes.

    python bench/export_memory.py [--versions 500] [--size 12] [--database NAME]

Builds, in a throwaway database (SQLite, or PostgreSQL database NAME, dropped and made again) and media
folder, `--versions` published notices through the portal's own actions, each with `--size` purposes,
categories, recipients and retention rules. One PDF is rendered for real and stored for every version
(rendering 500 would take minutes and is not what is measured; the stored bytes are a real notice's PDF).

Then, each in a fresh process so that one does not inherit the other's memory:
- streaming: the export as the worker writes it (notices.export.export_to_storage: versions loaded a few at
  a time, the ZIP written to a temporary file and copied into storage);
- holding: the same ZIP written from a list of every version loaded at once, as the export did before;
and prints for each the peak Python memory (tracemalloc) and, from a second run without tracemalloc (whose
bookkeeping would inflate it), the process's resident size before the export and its peak (ru_maxrss), the
time, and the ratio. Last, the time of the DPO's POST to /manage/export/ with the database queue (the
request only queues the work) over 10 requests, after one GET of the form to warm the process up.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throwaway import OVERRIDE, council, notice_in_review, run, signed_in_client, throwaway_portal  # noqa: E402

SCRIPT = str(Path(__file__).resolve())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=500)
    parser.add_argument("--size", type=int, default=12, help="records of each kind in every notice")
    parser.add_argument("--database", help="a PostgreSQL database to make for the run (default: SQLite)")
    parser.add_argument("--step", choices=list(STEPS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        import django

        django.setup()
        print(json.dumps(STEPS[args.step](args)))
        return
    with throwaway_portal(args.database) as env:
        started = time.perf_counter()
        built = json.loads(run(env, SCRIPT, "--step", "build", "--versions", str(args.versions),
                               "--size", str(args.size)))
        print(f"Built {built['versions']} published versions in {time.perf_counter() - started:.0f} s "
              f"(document JSON {built['document_kb']:.0f} KB, PDF {built['pdf_kb']:.0f} KB each) on "
              f"{'PostgreSQL' if args.database else 'SQLite'}\n")
        # Each way twice, each run in a fresh process: traced for Python's peak, untraced for the process's.
        results = {mode: {**json.loads(run(env, SCRIPT, "--step", mode)),
                          **json.loads(run(env, SCRIPT, "--step", f"{mode}-rss"))} for mode in ("streaming", "holding")}
        print(f"{'export':<10} {'versions':>8} {'ZIP MB':>7} {'seconds':>8} {'peak Python MB':>15} "
              f"{'RSS at start MB':>16} {'peak RSS MB':>12}")
        for mode, result in results.items():
            print(f"{mode:<10} {result['versions']:>8} {result['zip_mb']:>7.1f} {result['seconds']:>8.1f} "
                  f"{result['python_mb']:>15.1f} {result['start_rss_mb']:>16.0f} {result['rss_mb']:>12.0f}")
        streaming, holding = results["streaming"], results["holding"]
        print(f"\nStreaming uses {holding['python_mb'] / streaming['python_mb']:.0f}x less Python memory than holding "
              f"every version ({streaming['python_mb']:.1f} MB against {holding['python_mb']:.1f} MB).")
        request = json.loads(run(env, SCRIPT, "--step", "request"))
        print(f"The DPO's export POST (queues the work, database queue): median {request['median_ms']:.0f} ms, "
              f"max {request['max_ms']:.0f} ms over {request['requests']} requests.")


def _build(args) -> dict:
    from notices import actions
    from notices.models import Publication
    from notices.pdf import render_pdf

    organisation, controller, officer, dpo, relations = council(args.size)
    first = notice_in_review(0, organisation=organisation, controller=controller, officer=officer,
                             relations=relations)
    pdf = render_pdf(first.submitted_document)
    actions.render_pdf = lambda document, **kwargs: pdf  # the one real PDF, stored for every version
    actions.version_publish(actor=dpo, version=first, override_reason=OVERRIDE)
    for n in range(1, args.versions):
        version = notice_in_review(n, organisation=organisation, controller=controller, officer=officer,
                                   relations=relations)
        actions.version_publish(actor=dpo, version=version, override_reason=OVERRIDE)
    document = Publication.objects.first().document
    return {"versions": Publication.objects.count(), "document_kb": len(json.dumps(document)) / 1024,
            "pdf_kb": len(pdf) / 1024}


def _export_job(user):
    from accounts.models import Organisation
    from notices.export import describe_selection
    from notices.models import ExportJob

    organisations = list(Organisation.objects.all())
    job = ExportJob.objects.create(requested_by=user, description=describe_selection(organisations=organisations))
    job.organisations.set(organisations)
    return job


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the peak so far, in KiB on Linux


def _measured(write, *, traced: bool) -> dict:
    """One export, timed. Traced: its peak Python memory (tracemalloc). Untraced: the process's peak resident
    size, which tracemalloc's own bookkeeping (a traceback per live allocation) would inflate."""
    start_rss = _rss_mb()
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    size, versions = write()
    seconds = time.perf_counter() - started
    result = {"versions": versions, "zip_mb": size / 2**20, "seconds": seconds}
    if traced:
        result["python_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    else:
        result.update(rss_mb=_rss_mb(), start_rss_mb=start_rss)
    return result


def _streaming(args, *, traced: bool = True) -> dict:
    from django.contrib.auth.models import User

    from notices.export import export_to_storage

    job = _export_job(User.objects.get(username="bench-dpo"))

    def write():
        outcome = export_to_storage(job)
        return outcome["size"], outcome["total"]

    return _measured(write, traced=traced)


def _holding(args, *, traced: bool = True) -> dict:
    import tempfile

    from notices.export import write_export
    from notices.models import Publication

    def write():
        publications = list(Publication.objects.select_related("version__notice").order_by("version__notice__slug"))
        with tempfile.TemporaryFile() as archive:
            write_export(out=archive, publications=publications, total=len(publications))
            return archive.tell(), len(publications)

    return _measured(write, traced=traced)


def _request(args) -> dict:
    from django.contrib.auth.models import User
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = signed_in_client(User.objects.get(username="bench-dpo"))
    assert client.get("/manage/export/").status_code == 200  # warm up: addresses, templates, the form
    times = []
    for _ in range(10):
        started = time.perf_counter()
        response = client.post("/manage/export/", {"scope": "all"})
        times.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    return {"requests": len(times), "median_ms": statistics.median(times) * 1000, "max_ms": max(times) * 1000}


STEPS = {"build": _build, "streaming": _streaming, "holding": _holding, "request": _request,
         "streaming-rss": lambda args: _streaming(args, traced=False),
         "holding-rss": lambda args: _holding(args, traced=False)}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    main()
