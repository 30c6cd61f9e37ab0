"""`python manage.py check_queue`: the worker's container healthcheck (docker-compose.yml). Exit status 0 when
the database answers and no task has waited in the queue longer than --late-minutes past its time; 1
otherwise, saying which, so a stopped or stuck worker shows as unhealthy rather than as publishes that never
finish."""

import datetime as dt
import sys

from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max


class Command(BaseCommand):
    help = "Exit 1 if the database is unreachable or a queued task is overdue (no worker is taking tasks)."

    def add_arguments(self, parser):
        parser.add_argument("--late-minutes", type=int, default=10,
                            help="how long past its time a task may wait before the queue counts as stuck")

    def handle(self, *args, late_minutes: int, **options):
        cutoff = timezone.now() - dt.timedelta(minutes=late_minutes)
        try:
            # A task to run at once (stored with the far-future "no time" mark) waits from when it was queued; a
            # deferred one from its run_after.
            waiting_since_cutoff = Q(run_after=get_date_max()) | Q(run_after__lt=cutoff)
            late = DBTaskResult.objects.ready().filter(waiting_since_cutoff, enqueued_at__lt=cutoff).count()
        except DatabaseError as error:
            self.stderr.write(f"unhealthy: the database did not answer ({error})")
            sys.exit(1)
        if late:
            self.stderr.write(f"unhealthy: {late} task(s) have waited more than {late_minutes} minutes for a worker")
            sys.exit(1)
        self.stdout.write("ok")
