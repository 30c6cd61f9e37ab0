"""Recipients recorded before `location` existed: one with a country outside the UK is recorded as abroad.
The others stay "not known yet" (the field's default): nobody recorded that they keep information in the
UK, and the notice must not say so until someone does."""

from django.db import migrations


def forwards(apps, schema_editor):
    Recipient = apps.get_model("services", "Recipient")
    for recipient in Recipient.objects.exclude(transfer_country=""):
        recipient.location = "abroad"
        recipient.save(update_fields=["location"])


class Migration(migrations.Migration):
    dependencies = [("services", "0007_recipient_location")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
