"""`python manage.py schedule_nightly`: make sure the nightly run (notices.tasks.nightly) waits in the queue."""

from django.core.management.base import BaseCommand

from notices.tasks import next_night, schedule_nightly


class Command(BaseCommand):
    help = (
        "Queue the nightly run (refresh the static mirror, delete exports older than a week) for a minute past "
        "midnight, unless one is already waiting. Each nightly run queues the next one, so this is needed once; "
        "it is safe to run at every deploy (docker-compose's migrate service and `make run` do)."
    )

    def handle(self, *args, **options):
        if schedule_nightly():
            self.stdout.write(f"The nightly run is queued for {next_night():%Y-%m-%d %H:%M %Z}.")
        else:
            self.stdout.write("A nightly run is already waiting in the queue.")
