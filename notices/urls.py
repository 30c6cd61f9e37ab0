from django.urls import path

from .views import api, feeds, pdf, public, verify

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("feed.atom", feeds.portal_feed, name="feed"),
    path("organisations/<slug:slug>/", public.organisation, name="organisation"),
    path("organisations/<slug:slug>/feed.atom", feeds.organisation_feed, name="organisation_feed"),
    path("notices/<slug:slug>/", public.notice, name="notice"),
    path("notices/<slug:slug>/feed.atom", feeds.notice_feed, name="notice_feed"),
    path("notices/<slug:slug>/embed/", public.embed, name="embed"),
    path("notices/<slug:slug>/summary/", public.summary, name="summary"),
    path("notices/<slug:slug>/versions/", public.versions, name="versions"),
    path("notices/<slug:slug>/v<int:number>/", public.version, name="version"),
    path("notices/<slug:slug>/v<int:number>/summary/", public.version_summary, name="version_summary"),
    path("notices/<slug:slug>/v<int:number>.json", public.version_json, name="version_json"),
    path("notices/<slug:slug>/on/<int:year>-<int:month>-<int:day>/", public.on_date, name="on_date"),
    path("notices/<slug:slug>/compare/<int:old>...<int:new>/", public.compare, name="compare"),
    path("notices/<slug:slug>/v<int:number>.pdf", pdf.pdf_version, name="pdf_version"),
    path("notices/<slug:slug>/pdf", pdf.pdf_current, name="pdf_current"),
    path("verify/", verify.verify, name="verify"),
    # The open, read-only API: its documentation, then version 1 (every address ends in .json, so the static
    # mirror serves each with its content type).
    path("api/", api.docs, name="api_docs"),
    path("api/v1/index.json", api.index, name="api_index"),
    path("api/v1/schema/document.json", api.schema, name="api_schema"),
    path("api/v1/notices/<slug:slug>.json", api.notice, name="api_notice"),
    path("api/v1/notices/<slug:slug>/v<int:number>.json", api.version, name="api_version"),
]
