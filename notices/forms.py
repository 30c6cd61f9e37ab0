"""Forms of the notices app: the builder and review (staff), export (DPO) and verify (public).

They only validate; views hand cleaned_data to selectors, actions or exports."""

import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import ConditionalQuestion, ConditionalRadios, Field, Layout, Size, Submit
from django import forms
from django.conf import settings

from accounts.forms import GovUKInputErrors, NormalisedLineEndings
from services.forms import GovUKDateField, govuk_formfield, page_helper
from services.models import Controller, Service
from services.register import RecordPickers

from .models import Notice, NoticeSection, StaleReference
from .sections import generated_section_for
from .selectors import parent_candidates, today

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def _helper(*layout, label_size=None, legend_size=None) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the template writes the <form> (method, enctype, CSRF token)
    helper.disable_csrf = True
    helper.label_size, helper.legend_size = label_size, legend_size
    helper.layout = Layout(*layout)
    return helper


class ExportForm(forms.Form):
    """Which published versions a DPO wants in the archive ZIP."""

    SCOPES = [
        ("all", "Every published version of every notice"),
        ("controller", "The notices of one organisation"),
        ("service", "The notices that cover one service"),
        ("as_of", "The versions that were in force on a given day"),
    ]

    scope = forms.ChoiceField(
        label="What do you want to export?",
        choices=SCOPES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you want to export"},
    )
    controller = forms.ModelChoiceField(
        label="Organisation",
        queryset=Controller.objects.none(),
        required=False,
        empty_label="Choose an organisation",
    )
    service = forms.ModelChoiceField(
        label="Service",
        queryset=Service.objects.none(),
        required=False,
        empty_label="Choose a service",
    )
    as_of = GovUKDateField(label="The day", noun="The day", required=False)

    REQUIRED_FOR = {
        "controller": "Select the organisation",
        "service": "Select the service",
        "as_of": "Enter the day, month and year",
    }

    def __init__(self, *args, organisations, **kwargs):
        """`organisations`: those whose notices the DPO may export; only their controllers and services
        are offered (or accepted)."""
        super().__init__(*args, **kwargs)
        self.organisations = organisations
        self.fields["controller"].queryset = Controller.objects.filter(organisation__in=organisations).order_by("name")
        self.fields["service"].queryset = (
            Service.objects.filter(organisation__in=organisations).select_related("controller").order_by("name")
        )
        self.helper = _helper(
            ConditionalRadios(
                "scope",
                self.SCOPES[0][1],
                ConditionalQuestion(self.SCOPES[1][1], "controller"),
                ConditionalQuestion(self.SCOPES[2][1], "service"),
                ConditionalQuestion(self.SCOPES[3][1], Field("as_of", legend_size=Size.SMALL)),
            ),
            Submit("export", "Make the ZIP file"),
            legend_size=Size.MEDIUM,
        )

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope in self.REQUIRED_FOR and not cleaned.get(scope) and scope not in self.errors:
            self.add_error(scope, forms.ValidationError(self.REQUIRED_FOR[scope], code="required"))
        return cleaned

    def selection(self) -> dict:
        """Keyword arguments for notices.selectors.publication_ids_for_export (always within `organisations`)."""
        scope = self.cleaned_data["scope"]
        chosen = {} if scope == "all" else {scope: self.cleaned_data[scope]}
        return {"organisations": self.organisations, **chosen}


class VerifyForm(forms.Form):
    """A PDF (fingerprinted as it arrives, see notices.uploads) or a pasted SHA-256 fingerprint."""

    pdf = forms.FileField(
        label="Upload the PDF",
        required=False,
        help_text="The file is not kept: we only work out its fingerprint.",
        error_messages={"empty": "The selected file is empty"},
    )
    sha256 = forms.CharField(
        label="Or paste its SHA-256 fingerprint",
        required=False,
        help_text="64 characters: the numbers 0 to 9 and the letters a to f.",
        max_length=100,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("pdf"), Field.text("sha256"), Submit("verify", "Check"), label_size=Size.SMALL)

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if upload is None:
            return None
        limit_mb = settings.VERIFY_MAX_UPLOAD_BYTES // (1024 * 1024)
        if getattr(upload, "too_large", False) or upload.size > settings.VERIFY_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"The selected file must be smaller than {limit_mb} MB", code="too_large")
        if not upload.head.startswith(b"%PDF-"):
            raise forms.ValidationError("The selected file must be a PDF", code="not_pdf")
        return upload

    def clean_sha256(self):
        value = "".join(self.cleaned_data.get("sha256", "").split()).lower().removeprefix("sha256:")
        if value and not SHA256_RE.match(value):
            raise forms.ValidationError(
                "Enter the fingerprint as 64 characters: the numbers 0 to 9 and the letters a to f", code="invalid"
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("pdf") and cleaned.get("sha256"):
            self.add_error("sha256", "Upload a PDF or paste a fingerprint, not both")
        elif not cleaned.get("pdf") and not cleaned.get("sha256"):
            self.add_error("pdf", "Select a PDF or paste its SHA-256 fingerprint")
        return cleaned

    def fingerprint(self) -> str:
        upload = self.cleaned_data["pdf"]
        return upload.sha256 if upload else self.cleaned_data["sha256"]


def _live(queryset, chosen=()):
    return queryset.filter(retired=False) | queryset.filter(pk__in=[c.pk for c in chosen])


class NoticeCreateForm(NormalisedLineEndings, forms.ModelForm):
    """A new notice of `organisation`, whose controller is one of that organisation's own records."""

    helper = page_helper()

    class Meta:
        model = Notice
        fields = ["title", "slug", "controller", "audience", "summary"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["controller"].queryset = Controller.objects.filter(retired=False, organisation=organisation)


class NoticeBasicsForm(RecordPickers, NormalisedLineEndings, forms.ModelForm):
    """The notice's own fields: controller, services (a picker: a county runs a thousand), audience, summary,
    parent."""

    helper = page_helper()

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    review_by = GovUKDateField(
        label="Review by",
        noun="The review date",
        required=False,
        help_text=Notice._meta.get_field("review_by").help_text,
    )

    class Meta:
        model = Notice
        fields = ["title", "controller", "services", "audience", "summary", "provision_statement", "parent",
                  "review_by"]
        widgets = {"services": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        notice = self.instance
        self.initial.setdefault("lock_version", notice.lock_version)
        own = {"organisation": notice.organisation_id}
        self.organisation = notice.organisation
        self.start_pickers()
        # A county has hundreds of controllers, services and notices: each field lists what is chosen and
        # a page of a search, never the whole table.
        self.fields["controller"].queryset = _live(Controller.objects.filter(**own), [notice.controller])
        self._single_picker("controller", [notice.controller_id])
        services = list(notice.services.all())
        self.fields["services"].queryset = _live(Service.objects.filter(**own), services)
        self._picker("services", [s.pk for s in services])
        self.fields["parent"].queryset = Notice.objects.filter(**own).exclude(pk=notice.pk)
        self._single_picker("parent", [notice.parent_id] if notice.parent_id else [],
                            empty_label="None: this notice stands alone",
                            found=lambda query: parent_candidates(notice, query))


class RelationForm(forms.Form):
    helper = page_helper()
    """A checkbox list. `shown` lists the choices the page displayed, so choices hidden by the filter
    box keep their current state."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    chosen = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)
    shown = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, choices=(), label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = choices
        self.fields["chosen"].label = label
        self.fields["shown"].choices = choices


class AddedRightsForm(NormalisedLineEndings, forms.Form):
    """Rights offered beyond what the lawful bases give: a tick and a note per right that depends on the basis.
    A right ticked without a note is saved (the officer may be waiting for wording) and the checks warn."""

    helper = page_helper()
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, rights=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rights = list(rights)  # (key, title) of each right that can be added
        for key, title in self.rights:
            self.fields[f"offer_{key}"] = forms.BooleanField(
                label=f"Offer {title[0].lower()}{title[1:]} for everything this notice describes", required=False)
            self.fields[f"note_{key}"] = forms.CharField(
                label=f"Why you offer it ({title[0].lower()}{title[1:]})", required=False, max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Shown on the public page, e.g. “We will delete your information on request when we "
                          "no longer need it, although the law does not require us to.”")

    def added_rights(self) -> list[dict]:
        """The ticked rights with their notes, as Notice.added_rights holds them."""
        data = self.cleaned_data
        return [{"key": key, "note": data[f"note_{key}"]} for key, _ in self.rights if data[f"offer_{key}"]]


class SectionForm(NormalisedLineEndings, forms.ModelForm):
    """A free-text section; `lock_version` is the version the editor loaded (see notice_section_update)."""

    helper = page_helper()
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = NoticeSection
        fields = ["heading", "body", "placement"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("lock_version", self.instance.lock_version)
        self.fields["lock_version"].required = not self.instance._state.adding  # a new section has no rival yet

    def clean_heading(self):
        # Two "Who we are" sections confuse readers: the generated one already says it, from the records.
        heading = self.cleaned_data["heading"]
        generated = generated_section_for(heading)
        if generated is not None:
            raise forms.ValidationError(
                f"Every notice already has a section called “{generated.title}”, written from "
                f"{generated.drawn_from}. Change those records, or give this text a heading of its own.",
                code="heading_generated",
            )
        return heading


class SubmitForm(NormalisedLineEndings, forms.Form):
    helper = page_helper()
    change_summary = forms.CharField(
        label="What changed in this version?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For the DPO and, once published, for the public.",
        error_messages={"required": "Say what changed in this version, for the DPO and the public."},
    )


class RejectForm(NormalisedLineEndings, forms.Form):
    helper = page_helper()
    reason = forms.CharField(
        label="Why are you sending it back?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why you are sending it back, so the IG officer knows what to fix"},
    )


class PublishForm(NormalisedLineEndings, forms.Form):
    helper = page_helper()
    effective_from = GovUKDateField(
        label="In force from (optional)",
        noun="The date it comes into force",
        required=False,
        help_text="Leave blank to publish now.",
    )
    override_reason = forms.CharField(
        label="Reason for publishing despite blocking findings (only if there are any)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the version and in the audit trail.",
    )

    def clean_effective_from(self):
        value = self.cleaned_data["effective_from"]
        if value and value < today():
            raise forms.ValidationError("The date it comes into force must be today or in the future", code="past")
        return value


class WithdrawForm(NormalisedLineEndings, forms.Form):
    helper = page_helper()
    reason = forms.CharField(
        label="Why is the notice being withdrawn?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the notice is being withdrawn."},
    )


class StaleReferenceForm(GovUKInputErrors, NormalisedLineEndings, forms.ModelForm):
    """An out-of-date reference the checks look for, as a DPO adds or corrects it."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    helper = page_helper()

    class Meta:
        model = StaleReference
        formfield_callback = govuk_formfield
        fields = [
            "name", "pattern", "is_regex", "problem", "since", "replacement", "severity", "example",
            "counter_example", "source", "active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["lock_version"] = self.instance.lock_version
