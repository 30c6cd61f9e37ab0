from django.urls import path

from .views import pdf, public, verify

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("organisations/<slug:slug>/", public.organisation, name="organisation"),
    path("notices/<slug:slug>/", public.notice, name="notice"),
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
]
