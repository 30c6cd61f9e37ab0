"""Forms for register records. Forms only validate; views and the admin hand cleaned data to actions."""

from crispy_forms.helper import FormHelper
from django import forms

from .models import Purpose
from .rules import check_purpose


def page_helper() -> FormHelper:
    """A crispy helper for forms whose <form> tag the template writes; `{% error_summary %}` needs one."""
    helper = FormHelper()
    helper.form_tag = False
    return helper


class PurposeForm(forms.ModelForm):
    """Applies the lawful-basis rules that need the chosen data categories, which a model cannot see."""

    class Meta:
        model = Purpose
        fields = [
            "name", "description", "art6_basis", "legitimate_interests", "art9_condition", "sch1_condition",
            "criminal_condition", "appropriate_policy_document", "legislation", "data_categories",
            "subject_groups", "collected_from", "provision_requirement", "automated_decisions", "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A purpose can be recorded before its basis is settled; say so rather than show a bare dash.
        self.fields["art6_basis"].empty_label = "Not known yet"

    def clean(self):
        cleaned = super().clean()
        result = check_purpose(
            art6_basis=cleaned.get("art6_basis"),
            art9_condition=cleaned.get("art9_condition"),
            sch1_condition=cleaned.get("sch1_condition"),
            criminal_condition=cleaned.get("criminal_condition"),
            data_categories=cleaned.get("data_categories") or [],
            legislation=cleaned.get("legislation") or [],
        )
        for field_name, errors in result.errors.items():
            for error in errors:
                self.add_error(field_name, error)
        # Warnings do not stop the save; the view shows them once it has saved.
        self.rule_warnings = result.warnings
        return cleaned
