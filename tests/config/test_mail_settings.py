"""Which e-mail backend the settings choose, and what production refuses (config/startup.py); the refusals
as the portal prints them are in test_deploy_check.py."""

from config import startup

KEY = "portal-11111111-2222-3333-4444-555555555555-66666666-7777-8888-9999-000000000000"
TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
COMPLETE_SMTP = {"email_host": "smtp.example.gov.uk", "host_user": "portal", "host_password": "pw", "use_tls": True,
                 "use_ssl": False, "from_email": "notices@example.gov.uk", "notify_api_key": "",
                 "notify_template_id": ""}


def test_it_chooses_notify_then_smtp_then_the_console_while_developing():
    choose = startup.email_backend
    assert choose(debug=False, email_host="smtp", notify_api_key=KEY) == "notifications.mail.NotifyEmailBackend"
    assert choose(debug=False, email_host="smtp", notify_api_key="") == "django.core.mail.backends.smtp.EmailBackend"
    assert choose(debug=True, email_host="", notify_api_key="") == "django.core.mail.backends.console.EmailBackend"
    assert choose(debug=False, email_host="", notify_api_key="") == "notifications.mail.NotConfiguredEmailBackend"


def test_it_accepts_complete_settings_and_none_at_all():
    assert startup.mail_problems(**COMPLETE_SMTP) == []
    assert startup.mail_problems(**{**COMPLETE_SMTP, "host_user": "", "host_password": ""}) == []
    assert startup.mail_problems(**{**dict.fromkeys(COMPLETE_SMTP, ""), "use_tls": True, "use_ssl": False}) == []
    notify = {**dict.fromkeys(COMPLETE_SMTP, ""), "use_tls": True, "use_ssl": False, "notify_api_key": KEY,
              "notify_template_id": TEMPLATE}
    assert startup.mail_problems(**notify) == []


def test_it_names_each_missing_or_contradictory_setting():
    [both] = startup.mail_problems(**{**COMPLETE_SMTP, "use_ssl": True})
    assert both.startswith("EMAIL_USE_TLS and EMAIL_USE_SSL are both on")
    [password] = startup.mail_problems(**{**COMPLETE_SMTP, "host_user": ""})
    assert password.startswith("EMAIL_HOST_PASSWORD is set but EMAIL_HOST_USER is not")
    two_ways = startup.mail_problems(**{**COMPLETE_SMTP, "notify_api_key": KEY, "notify_template_id": TEMPLATE})
    assert two_ways == ["Both GOVUK_NOTIFY_API_KEY and EMAIL_HOST are set: choose one way of sending e-mail and "
                        "remove the other."]
    [template] = startup.mail_problems(**{**COMPLETE_SMTP, "email_host": "", "notify_api_key": KEY,
                                          "notify_template_id": "welcome"})
    assert template.startswith("GOVUK_NOTIFY_TEMPLATE_ID='welcome' is not a template id")
    [no_key] = startup.mail_problems(**{**COMPLETE_SMTP, "email_host": "", "notify_template_id": TEMPLATE})
    assert no_key.startswith("GOVUK_NOTIFY_TEMPLATE_ID is set but GOVUK_NOTIFY_API_KEY is not")
