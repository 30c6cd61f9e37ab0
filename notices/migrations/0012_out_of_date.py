"""OutOfDate: the published notices a changed register record has left out of date, stored (issue 19), so
pages read rows instead of comparing every notice's records. Filled here for the notices there already are."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from notices.out_of_date import stale_notice_ids

    Notice = apps.get_model("notices", "Notice")
    OutOfDate = apps.get_model("notices", "OutOfDate")
    OutOfDate.objects.bulk_create([OutOfDate(notice_id=pk) for pk in sorted(stale_notice_ids(Notice.objects.all()))])


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0011_order_record_order_added_rights"),
        ("services", "0015_parties_service_parties"),
        ("retention", "0003_organisation_required"),
    ]

    operations = [
        migrations.CreateModel(
            name="OutOfDate",
            fields=[
                ("notice", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                related_name="out_of_date", serialize=False, to="notices.notice")),
                ("found_at", models.DateTimeField(auto_now=True)),
            ],
            options={"verbose_name_plural": "out-of-date notices"},
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
