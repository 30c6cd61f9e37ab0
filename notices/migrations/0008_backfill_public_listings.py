"""Listings for the versions published before PublicListing existed, copied from their frozen documents;
listings and the public change log are append-only like the publications they describe."""

from django.db import migrations

from accounts.db import append_only_operation
from notices.document import listing_fields


def backfill(apps, schema_editor):
    Publication = apps.get_model("notices", "Publication")
    PublicListing = apps.get_model("notices", "PublicListing")
    PublicChange = apps.get_model("notices", "PublicChange")
    for publication in Publication.objects.filter(listing__isnull=True).select_related("version").iterator():
        PublicListing.objects.create(publication=publication, **listing_fields(publication.document))
        PublicChange.objects.create(notice_id=publication.version.notice_id, action="published")


class Migration(migrations.Migration):
    dependencies = [("notices", "0007_public_listing_and_frozen_pages")]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        append_only_operation("notices_publiclisting", "notices_publicchange"),
    ]
