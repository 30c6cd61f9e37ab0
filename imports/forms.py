"""Forms for bringing a notice in and triaging it. They only validate; the views hand cleaned data to actions."""

from django import forms

from services.forms import page_helper

from .models import Proposal


class ImportForm(forms.Form):
    helper = page_helper()
    file = forms.FileField(
        label="Upload the notice", required=False,
        help_text="A Word document (.docx), a PDF with a text layer, a web page saved as HTML, or a text file. "
        "Up to 10 MB. Nothing in it is run or fetched.",
    )
    text = forms.CharField(label="Or paste its text", required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("Upload the notice's file or paste its text.", code="nothing_given")
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError("Upload a file or paste text, not both.", code="both_given")
        return data


class DraftForm(forms.Form):
    helper = page_helper()
    title = forms.CharField(label="Title of the draft notice", max_length=200)
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


def proposal_edit_form(proposal: Proposal) -> type[forms.Form]:
    """One text box per proposed value, so any record type's values can be corrected before accepting it."""
    fields = {
        name: forms.CharField(label=name.replace("_", " ").capitalize(), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}) if len(str(value)) > 60 else None)
        for name, value in proposal.values.items()
    }
    fields["helper"] = page_helper()
    fields["lock_version"] = forms.IntegerField(widget=forms.HiddenInput)
    return type("ProposalEditForm", (forms.Form,), fields)
