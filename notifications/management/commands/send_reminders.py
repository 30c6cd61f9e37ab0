"""E-mail the reminders due today (notifications.actions.reminders_send). The worker's nightly run does this
every night (notices.tasks.nightly); this command sends them at any other time.

Idempotent: each reminder is sent once per notice and window, however often or however many copies run."""

from django.core.management.base import BaseCommand

from notifications.actions import reminders_send


class Command(BaseCommand):
    help = "E-mail today's reminders: reviews due within 30 days or overdue, and scheduled versions now in force."

    def handle(self, *args, **options):
        reminders = reminders_send()
        messages = sum(reminder.messages.count() for reminder in reminders)
        self.stdout.write(f"{len(reminders)} reminder{'s' if len(reminders) != 1 else ''} sent now, "
                          f"in {messages} message{'s' if messages != 1 else ''}.")
