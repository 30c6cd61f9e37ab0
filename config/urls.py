from django.contrib import admin
from django.urls import include, path

from config.health import healthz

admin.site.site_header = "Privacy notice portal administration"
admin.site.site_title = "Privacy notice portal"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("manage/", include("config.manage_urls")),
    path("", include("notices.urls")),
]

handler500 = "config.views.server_error"
