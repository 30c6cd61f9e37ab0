"""Forms for the notice builder and review. Forms only validate; views hand cleaned data to actions."""


from django import forms

from services.forms import page_helper
from services.models import Controller, Service

from .models import Notice, NoticeSection
from .selectors import today


def _live(queryset, chosen=()):
    return queryset.filter(retired=False) | queryset.filter(pk__in=[c.pk for c in chosen])


class NoticeCreateForm(forms.ModelForm):
    helper = page_helper()
    class Meta:
        model = Notice
        fields = ["title", "slug", "controller", "audience", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["controller"].queryset = Controller.objects.filter(retired=False)


class NoticeBasicsForm(forms.ModelForm):
    helper = page_helper()
    """The notice's own fields: controller, services, audience, summary, parent."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Notice
        fields = ["title", "controller", "services", "audience", "summary", "parent", "review_by"]
        widgets = {"services": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        notice = self.instance
        self.initial.setdefault("lock_version", notice.lock_version)
        self.fields["controller"].queryset = _live(Controller.objects.all(), [notice.controller])
        self.fields["services"].queryset = _live(Service.objects.all(), notice.services.all())
        self.fields["parent"].queryset = Notice.objects.exclude(pk=notice.pk)
        self.fields["review_by"].help_text = "Format: 2027-03-31."


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


class SectionForm(forms.ModelForm):
    helper = page_helper()
    class Meta:
        model = NoticeSection
        fields = ["heading", "body", "placement"]


class SubmitForm(forms.Form):
    helper = page_helper()
    change_summary = forms.CharField(
        label="What changed in this version?", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For the DPO and, once published, for the public.",
    )


class RejectForm(forms.Form):
    helper = page_helper()
    reason = forms.CharField(label="Why are you sending it back?", widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    helper = page_helper()
    effective_from = forms.DateField(
        label="In force from (optional)", required=False,
        help_text="Leave blank to publish now. Format: 2027-03-31.",
    )

    def clean_effective_from(self):
        value = self.cleaned_data["effective_from"]
        if value and value < today():
            raise forms.ValidationError("Choose today or a later date.", code="past")
        return value


class WithdrawForm(forms.Form):
    helper = page_helper()
    reason = forms.CharField(label="Why is the notice being withdrawn?", widget=forms.Textarea(attrs={"rows": 3}))
