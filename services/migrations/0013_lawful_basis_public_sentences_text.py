"""The public sentence of each UK GDPR Art 6 basis: what a notice says once per basis, for a parent to read.
Checked for plain English (Flesch reading ease 75 or more each, by notices.compliance.readability)."""

from django.db import migrations

OUTSIDE_PUBLIC_TASKS = "We rely on this only for work that is not one of the jobs the law gives us as a public body."

SENTENCES = {
    "art6_1_a": ("You agreed to it. You can change your mind at any time.", ""),
    "art6_1_b": ("We need it to carry out an agreement we have with you, or one you asked us to set up.", ""),
    "art6_1_c": ("The law says we must do this.", ""),
    "art6_1_d": ("We need it to keep someone alive or safe.", ""),
    "art6_1_e": ("It is part of the work the law gives us to do for the public.", ""),
    "art6_1_ea": (
        "The law lists this as a good reason in its own right, such as keeping people safe or stopping crime.",
        OUTSIDE_PUBLIC_TASKS,
    ),
    "art6_1_f": (
        "It is a fair reason that helps us or others, and we have checked that it does not harm your rights.",
        OUTSIDE_PUBLIC_TASKS,
    ),
}


def forwards(apps, schema_editor):
    LawfulBasis = apps.get_model("services", "LawfulBasis")
    for basis in LawfulBasis.objects.filter(code__in=SENTENCES):
        basis.public_sentence, basis.public_sentence_public_authority = SENTENCES[basis.code]
        basis.save(update_fields=["public_sentence", "public_sentence_public_authority"])


class Migration(migrations.Migration):
    dependencies = [("services", "0012_lawful_basis_public_sentences")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
