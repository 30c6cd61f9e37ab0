from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "E-mail notifications"

    def ready(self):
        from notices.hooks import workflow_listener_register

        from .actions import messages_for_workflow_event

        # Told of every workflow step by notices (see notices.hooks), which cannot import this app.
        workflow_listener_register(messages_for_workflow_event)
