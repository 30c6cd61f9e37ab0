from django.urls import path

from .views import public

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("notices/<slug:slug>/", public.notice, name="notice"),
    path("notices/<slug:slug>/versions/", public.versions, name="versions"),
    path("notices/<slug:slug>/v<int:number>/", public.version, name="version"),
    path("notices/<slug:slug>/v<int:number>.json", public.version_json, name="version_json"),
    path("notices/<slug:slug>/on/<int:year>-<int:month>-<int:day>/", public.on_date, name="on_date"),
    path("notices/<slug:slug>/compare/<int:old>...<int:new>/", public.compare, name="compare"),
]
