"""The register upload form. It only checks the file is there and small enough; ropa.reading opens it."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from .reading import MAX_UPLOAD_BYTES


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload the register",
        help_text="An Excel workbook (.xlsx) exported from here, or a CSV file (.csv) of the record of processing. "
        f"Up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
        error_messages={"required": "Select the file to import", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template writes the <form> (method, enctype, CSRF token)
        self.helper.disable_csrf = True
        self.helper.label_size = Size.MEDIUM
        self.helper.layout = Layout(Field("file"), Submit("preview", "Check the file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB", code="too_large")
        return upload
