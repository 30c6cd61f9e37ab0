"""The staff workspace, /manage/ (namespace "manage"): the register and the notice builder and review."""

from django.urls import path

from accounts import views as accounts
from imports import views as imports
from notices.views import export, pdf, references
from notices.views import manage as notices
from notifications import views as notifications
from ropa import views as ropa
from services import views as register

app_name = "manage"

urlpatterns = [
    path("", notices.dashboard, name="dashboard"),
    path("register/", register.register_index, name="register"),
    path("register/<slug:kind>/", register.record_list, name="record_list"),
    path("register/<slug:kind>/new/", register.record_create, name="record_create"),
    path("register/<slug:kind>/find/", register.record_find, name="record_find"),
    path("register/<slug:kind>/<int:pk>/", register.record_detail, name="record_detail"),
    path("register/<slug:kind>/<int:pk>/edit/", register.record_edit, name="record_edit"),
    path("register/<slug:kind>/<int:pk>/retire/", register.record_retire, name="record_retire"),
    path("register/<slug:kind>/<int:pk>/redraft/", register.record_redraft, name="record_redraft"),
    path("register/<slug:kind>/<int:pk>/copy/", register.record_copy, name="record_copy"),
    path("notices/new/", notices.notice_new, name="notice_new"),
    path("notices/<int:pk>/", notices.notice_detail, name="notice"),
    path("notices/<int:pk>/about/", notices.notice_basics, name="notice_basics"),
    path("notices/<int:pk>/choose/<slug:part>/", notices.notice_relation, name="notice_relation"),
    path("notices/<int:pk>/order/<slug:part>/<int:record_id>/<str:how>/", notices.record_move, name="record_move"),
    path("notices/<int:pk>/rights/", notices.notice_rights, name="notice_rights"),
    path("notices/<int:pk>/sections/new/", notices.section_edit, name="section_add"),
    path("notices/<int:pk>/sections/<int:section_id>/", notices.section_edit, name="section_edit"),
    path("notices/<int:pk>/sections/<int:section_id>/<str:how>/", notices.section_change, name="section_change"),
    path("notices/<int:pk>/preview/", notices.notice_preview, name="notice_preview"),
    path("notices/<int:pk>/draft.pdf", pdf.pdf_draft, name="pdf_draft"),
    path("notices/<int:pk>/submit/", notices.notice_submit, name="notice_submit"),
    path("notices/<int:pk>/review/", notices.notice_review, name="notice_review"),
    path("notices/<int:pk>/review/<str:decision>/", notices.notice_decide, name="notice_decide"),
    path("notices/<int:pk>/publishing/<int:job_id>/", notices.notice_publishing, name="notice_publishing"),
    path("notices/<int:pk>/withdraw/", notices.notice_withdraw, name="notice_withdraw"),
    path("notices/<int:pk>/restore/<int:number>/", notices.notice_restore, name="notice_restore"),
    path("imports/", imports.import_list, name="imports"),
    path("imports/<int:pk>/", imports.import_detail, name="import"),
    path("imports/<int:pk>/proposals/<int:proposal_id>/", imports.proposal_edit, name="import_proposal"),
    path("imports/<int:pk>/draft/", imports.import_draft, name="import_draft"),
    path("imports/<int:pk>/kept/<int:section_id>/", imports.imported_section_decide, name="import_section_decide"),
    path("export/", export.export, name="export"),
    path("ropa/", ropa.ropa_index, name="ropa"),
    path("ropa/record-of-processing.xlsx", ropa.ropa_xlsx, name="ropa_xlsx"),
    path("ropa/record-of-processing.csv", ropa.ropa_csv, name="ropa_csv"),
    path("ropa/imports/<uuid:pk>/", ropa.ropa_import, name="ropa_import"),
    path("export/<int:job_id>/", export.export_progress, name="export_progress"),
    path("export/<int:job_id>/download/", export.export_download, name="export_download"),
    path("references/legislation/", references.catalogue_list, name="catalogue_list"),
    path("references/legislation/new/", references.catalogue_create, name="catalogue_create"),
    path("references/legislation/<int:pk>/edit/", references.catalogue_edit, name="catalogue_edit"),
    path("references/out-of-date/", references.stale_list, name="stale_list"),
    path("references/out-of-date/new/", references.stale_create, name="stale_create"),
    path("references/out-of-date/<int:pk>/edit/", references.stale_edit, name="stale_edit"),
    path("messages/", notifications.message_list, name="messages"),
    path("messages/settings/", notifications.preferences, name="notification_preferences"),
    path("organisation/", accounts.organisation_switch, name="organisation_switch"),
    path("embedding/", accounts.organisation_embedding, name="embedding"),
    path("organisations/", accounts.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", accounts.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/members/<int:pk>/remove/", accounts.membership_remove, name="membership_remove"),
]
