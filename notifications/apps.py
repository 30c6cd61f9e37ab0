from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "E-mail notifications"

    def ready(self):
        from notices.hooks import nightly_listeners, workflow_listener_register

        from .actions import messages_for_workflow_event, reminders_for_the_night

        # Told of every workflow step by notices (see notices.hooks), which cannot import this app; and the
        # day's reminders go out with the nightly run, so no cron is needed.
        workflow_listener_register(messages_for_workflow_event)
        nightly_listeners.register(reminders_for_the_night)
