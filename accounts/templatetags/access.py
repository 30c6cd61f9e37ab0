"""{% can %}: the template's way of asking accounts.permissions.can, so a button is shown exactly when
the action behind it would be allowed.

    {% load access %}
    {% can "notice.publish" notice as can_publish %}{% if can_publish %}…{% endif %}
"""

from django import template

from accounts import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action: str, obj=None) -> bool:
    return permissions.can(context["user"], action, obj)
