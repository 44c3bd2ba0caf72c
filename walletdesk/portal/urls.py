from django.urls import path

from walletdesk.portal import help, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("request/", views.submit, name="submit"),
    path("track/", views.track_lookup, name="track_lookup"),
    path("track/<str:number>/", views.track, name="track"),
    path("track/<str:number>/reply/", views.track_reply, name="track_reply"),
    path("track/<str:number>/rate/", views.track_rate, name="track_rate"),
    path("help/", help.help_home, name="help"),
    path("help/<slug:slug>/", help.help_article, name="help_article"),
    path("help/<slug:slug>/vote/", help.help_vote, name="help_vote"),
]
