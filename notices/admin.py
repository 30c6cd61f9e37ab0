from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import StaleReference


@admin.register(StaleReference)
class StaleReferenceAdmin(SimpleHistoryAdmin):
    """Superusers keep the list of out-of-date references the compliance checks look for."""

    list_display = ["name", "severity", "since", "active"]
    list_filter = ["severity", "active"]
    search_fields = ["name", "pattern", "problem", "replacement"]
