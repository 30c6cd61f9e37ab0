from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin, with the two-factor admin site of accounts/admin_site.py as its default site.
    (Its own module: app configs are imported before models are ready, and the site imports models.)"""

    default_site = "accounts.admin_site.PortalAdminSite"
