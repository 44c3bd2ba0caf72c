"""The knowledge-base editor's pages, under /console/kb/ in the console namespace."""

from django.urls import path

from walletdesk.console import kb_cases as c
from walletdesk.console import kb_views as v

urlpatterns = [
    path("", v.kb_list, name="kb_list"),
    path("new/", v.kb_new, name="kb_new"),
    path("preview/", v.kb_preview, name="kb_preview"),
    path("cases/", c.case_list, name="kb_cases"),
    path("cases/<int:case_id>/", c.case_review, name="kb_case"),
    path("cases/<int:case_id>/<slug:decision>/", c.case_decide, name="kb_case_decide"),
    path("<slug:slug>/", v.kb_article, name="kb_article"),
    path("<slug:slug>/meta/", v.kb_meta, name="kb_meta"),
    path("<slug:slug>/visibility/", v.kb_visibility, name="kb_visibility"),
    path("<slug:slug>/images/", v.kb_image_upload, name="kb_image_upload"),
    path("<slug:slug>/images/<int:image_id>/delete/", v.kb_image_delete, name="kb_image_delete"),
    path("<slug:slug>/<str:language>/edit/", v.kb_edit, name="kb_edit"),
    path("<slug:slug>/<str:language>/history/", v.kb_history, name="kb_history"),
    path("<slug:slug>/<str:language>/restore/<int:number>/", v.kb_restore, name="kb_restore"),
]
