"""Portal forms: parsing and validation only."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from walletdesk.console.labels import options

TX_HASH = re.compile(r"^(0x)?[0-9a-fA-F]{64}$")
MAX_FILES = 3
MAX_FILE_BYTES = 900_000  # requests above WALLETDESK_MAX_REQUEST_BYTES (1 MiB) are refused
ALLOWED_TYPES = {
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/gif",
    "application/pdf",
    "text/plain",
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none were chosen)."""

    def clean(self, data, initial=None) -> list:
        items = data if isinstance(data, list | tuple) else [data]
        return [f for f in (super(MultipleFileField, self).clean(d, initial) for d in items) if f]


class RequestForm(forms.Form):
    category = forms.ChoiceField(label=_("What is it about?"), choices=())
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        required=False,
        help_text=_("A few words; we use the start of your description if empty."),
    )
    description = forms.CharField(
        label=_("Describe the problem"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text=_("Never share your recovery phrase or private key: we will never ask for them."),
    )
    email = forms.EmailField(
        label=_("Email (optional)"), required=False, help_text=_("To get our replies by email.")
    )
    chain = forms.ChoiceField(label=_("Network (optional)"), required=False, choices=())
    address = forms.CharField(label=_("Wallet address (optional)"), max_length=128, required=False)
    tx_hash = forms.CharField(label=_("Transaction hash (optional)"), max_length=80, required=False)
    attachments = MultipleFileField(
        label=_("Screenshots (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*,.pdf,.txt"}),
        help_text=_("Up to 3 files, under 900 KB in total."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = options("category")  # type: ignore[attr-defined]
        self.fields["chain"].choices = [("", "—"), *options("chain")]  # type: ignore[attr-defined]

    def clean_tx_hash(self) -> str:
        value = self.cleaned_data["tx_hash"].strip()
        if value and not TX_HASH.match(value):
            raise forms.ValidationError(_("This does not look like a transaction hash."))
        return value

    def clean_attachments(self) -> list:
        files = self.cleaned_data["attachments"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most 3 files."))
        if sum(f.size for f in files) > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The files are too large."))
        for f in files:
            if f.content_type not in ALLOWED_TYPES:
                raise forms.ValidationError(_("Only images, PDF and text files can be attached."))
        return files


class TrackForm(forms.Form):
    number = forms.CharField(
        label=_("Ticket number"),
        max_length=24,
        widget=forms.TextInput(attrs={"placeholder": "WD-2026-000123", "autocomplete": "off"}),
    )
    token = forms.CharField(
        label=_("Access code"), max_length=100, help_text=_("From the tracking link we gave you.")
    )


class NewLinkForm(forms.Form):
    number = forms.CharField(
        label=_("Ticket number"),
        max_length=24,
        widget=forms.TextInput(attrs={"placeholder": "WD-2026-000123", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("Email"), help_text=_("The address you gave us with your request.")
    )

    def clean_number(self) -> str:
        return self.cleaned_data["number"].strip().upper()


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How did we do?"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), widget=forms.Textarea, max_length=2000, required=False
    )
