"""The e-mail settings form; it only validates (the view hands its choice to actions.preference_update)."""

from django import forms

from services.forms import page_helper

from .models import Kind


class PreferencesForm(forms.Form):
    helper = page_helper()
    kinds_on = forms.MultipleChoiceField(
        label="Send me an e-mail when",
        help_text="Untick what you do not want. You are only sent those that concern your role: DPOs are told of "
                  "versions to review, IG officers of reviews due.",
        choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple,
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def kinds_off(self) -> list[str]:
        return [kind for kind in Kind.values if kind not in self.cleaned_data["kinds_on"]]
