from django.urls import path
from django.views.generic import RedirectView

from walletdesk.portal import help, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("request/", views.submit, name="submit"),
    # The knowledge-base articles link "still need help?" to /new/?article=<slug>.
    path(
        "new/",
        RedirectView.as_view(pattern_name="portal:submit", query_string=True),
        name="new",
    ),
    path("track/", views.track_lookup, name="track_lookup"),
    path("track/new-link/", views.track_new_link, name="track_new_link"),  # before <number>
    path("track/<str:number>/", views.track, name="track"),
    path("track/<str:number>/reply/", views.track_reply, name="track_reply"),
    path("track/<str:number>/rate/", views.track_rate, name="track_rate"),
    path("help/", help.help_home, name="help"),
    path("help/<slug:slug>/", help.help_article, name="help_article"),
    path("help/<slug:slug>/vote/", help.help_vote, name="help_vote"),
]
