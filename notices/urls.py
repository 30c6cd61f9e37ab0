from django.urls import path

from .views import pdf, public

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("notices/<slug:slug>/v<int:number>.pdf", pdf.pdf_version, name="pdf_version"),
    path("notices/<slug:slug>/pdf", pdf.pdf_current, name="pdf_current"),
    # Staff pages; they move to the "manage" namespace when the workspace lands.
    path("manage/notices/<int:notice_id>/draft.pdf", pdf.pdf_draft, name="pdf_draft"),
]
