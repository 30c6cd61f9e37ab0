"""The background task that sends one message (queued by notifications.actions once its transaction commits)."""

from django_tasks import task

from .actions import message_attempt


@task()
def message_deliver(message_id: int) -> str:
    """Send message `message_id`, or record why not and queue the next try; returns the message's status."""
    return message_attempt(message_id=message_id)
