from crispy_forms_gds.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator, RegexValidator

from .origins import normalise_origins


def _helper() -> FormHelper:
    # The <form> tag, CSRF token and buttons live in the templates, so the error summary can sit above the
    # heading and a GET form (the audit filter) never puts the CSRF token in an address.
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


# The widgets crispy-forms-gds outlines in red itself when their field has an error.
_OUTLINED_BY_CRISPY_GDS = {"Select", "TextInput", "Textarea"}
INPUT_ERROR_CLASS = "govuk-input--error"


class GovUKInputErrors:
    """For forms: every single-box input whose field has an error gets the GOV.UK red outline, as text
    boxes already do; crispy-forms-gds leaves out email, web address, number, password and date inputs."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            widget = getattr(self.fields.get(name), "widget", None)
            if (isinstance(widget, forms.widgets.Input) and not isinstance(widget, forms.HiddenInput | forms.FileInput)
                    and type(widget).__name__ not in _OUTLINED_BY_CRISPY_GDS):
                classes = widget.attrs.get("class", "").split()
                if INPUT_ERROR_CLASS not in classes:
                    widget.attrs["class"] = " ".join([*classes, INPUT_ERROR_CLASS])


class NormalisedLineEndings:
    """For forms: text arrives with Unix line endings whatever the browser sent (a <textarea> sends
    Windows ones, \\r\\n), so a frozen document, its fingerprint and a comparison never differ by those."""

    def clean(self):
        for name, value in self.cleaned_data.items():
            if isinstance(value, str) and "\r" in value:
                self.cleaned_data[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().clean()


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your DPO or administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        # AuthenticationForm sets max_length after the field is built, so no validator enforces it; a
        # longer name would reach the lockout table (255 characters) and fail there on PostgreSQL.
        username.validators.append(MaxLengthValidator(username.max_length))
        username.error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = _helper()


class CodeField(forms.CharField):
    """A one-time code as people type it: spaces and hyphens (as in "123 456") are dropped."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(" ", "").replace("-", "").lower()


class SecondFactorForm(forms.Form):
    code = CodeField(
        label="Code",
        max_length=24,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autofocus": True}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class EnrolForm(forms.Form):
    code = CodeField(
        label="Code from your app",
        max_length=12,
        validators=[RegexValidator(r"^[0-9]{6}$", "Enter the 6 digits your app shows", code="not_six_digits")],
        error_messages={"required": "Enter the 6-digit code your app shows"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class AuditFilterForm(GovUKInputErrors, forms.Form):
    """Which audit events to list. `filters()` gives accounts.selectors.audit_events_list's keyword
    arguments, so a new filter is a field here and an argument there."""

    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=None, required=False, empty_label="All your organisations",
        error_messages={"invalid_choice": "Choose one of the organisations listed"},
    )
    person = forms.ChoiceField(label="Person", required=False)
    action = forms.ChoiceField(label="Action", required=False)
    since = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": "Enter the first day as a real date"})
    until = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": "Enter the last day as a real date"})

    def __init__(self, *args, organisations, action_choices=(), person_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["action"].choices = [("", "All actions"), *action_choices]
        self.fields["person"].choices = [("", "Everyone"), *((name, name) for name in person_choices)]
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", forms.ValidationError("The last day must be the same as or after the first day",
                                                          code="before_since"))
        return cleaned

    def filters(self) -> dict:
        """The chosen filters, for audit_events_list; none when the form is not valid."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}

class OrganisationForm(forms.ModelForm):
    """A new organisation: its name and the slug of its public page."""

    class Meta:
        from .models import Organisation

        model = Organisation
        fields = ["name", "slug"]
        error_messages = {
            "name": {"required": "Enter the organisation's name", "unique": "An organisation with this name exists"},
            "slug": {"required": "Enter the web address name", "unique": "Another organisation uses this web address"},
        }
        labels = {"slug": "Web address name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class MembershipForm(forms.Form):
    """Who joins an organisation, with which role."""

    user = forms.ModelChoiceField(
        label="Member of staff", queryset=None, empty_label="Choose a person",
        error_messages={"required": "Choose the member of staff", "invalid_choice": "Choose one of the people listed"},
    )
    role = forms.ChoiceField(
        label="Role", widget=forms.RadioSelect, error_messages={"required": "Choose their role"},
    )

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        from .models import Membership

        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["role"].choices = Membership.Role.choices
        self.helper = _helper()


class SwitchOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(label="Working in", queryset=None, empty_label=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class EmbeddingForm(GovUKInputErrors, forms.Form):
    """The web addresses of an organisation's own sites, one a line; checked by accounts.origins."""

    web_addresses = forms.CharField(
        label="Your organisation's websites",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false", "autocomplete": "off"}),
        help_text="One web address a line, for example https://www.example.gov.uk. Only these sites can show "
        "your notices in a frame. Leave empty to let no site do so.",
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_web_addresses(self) -> list[str]:
        return normalise_origins(self.cleaned_data["web_addresses"].splitlines())
