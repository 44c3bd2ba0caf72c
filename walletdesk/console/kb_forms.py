"""Forms of the console's knowledge-base editor: input parsing only, the kb services decide."""

from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from walletdesk.console.labels import options_of
from walletdesk.core.taxonomy import intent_slugs
from walletdesk.kb.models import Category, Visibility


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _words(value: str) -> list[str]:
    return [w for w in value.replace(",", " ").split() if w]


class ArticleMetaForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), choices=options_of("category", Category.values)
    )
    intents = forms.MultipleChoiceField(
        label=_("Intents it answers"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by spaces."))
    related = forms.CharField(
        label=_("Related articles"), required=False, help_text=_("Slugs, separated by spaces.")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intents"].choices = [(s, s) for s in intent_slugs()]  # type: ignore[attr-defined]

    def clean_tags(self) -> list[str]:
        return _words(self.cleaned_data["tags"])

    def clean_related(self) -> list[str]:
        return _words(self.cleaned_data["related"])


class ArticleNewForm(ArticleMetaForm):
    slug = forms.SlugField(label=_("Slug"), max_length=80, help_text=_("Stable: used in links."))
    field_order = ["slug", "category", "intents", "tags", "related"]


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    phrasings = forms.CharField(
        label=_("Questions it answers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: how readers ask it."),
    )
    body = forms.CharField(
        label=_("Body (Markdown)"), widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "true"})
    )
    note = forms.CharField(label=_("What changed"), required=False, max_length=200)
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_phrasings(self) -> list[str]:
        return _lines(self.cleaned_data["phrasings"])


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=options_of("kb_visibility", Visibility.values)
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Empty: now. In your time zone."),
    )

    def __init__(self, *args, tz: str = "UTC", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tz = ZoneInfo(tz)

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value is None:
            return None
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        return timezone.make_aware(naive, self.tz)


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Image"), help_text=_("PNG, JPEG, GIF or WebP."))
