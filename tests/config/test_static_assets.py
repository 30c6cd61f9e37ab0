"""The committed GOV.UK Frontend build: fit for a body that is not GOV.UK, and collectable for production."""

from django.conf import settings
from django.core.management import call_command

CSS = settings.BASE_DIR / "static" / "govuk" / "govuk-frontend.min.css"


def test_it_sets_text_in_arial_and_never_in_the_gov_uk_typeface():
    css = CSS.read_text()

    assert "font-family:arial,sans-serif" in css
    assert "GDS Transport" not in css
    assert "@font-face" not in css


def test_it_draws_no_crown():
    css = CSS.read_text()

    # The crest beside "© Crown copyright" is the only image GOV.UK Frontend's CSS draws.
    assert "govuk-crest" not in css
    assert "/images/" not in css


def test_it_collects_for_production_with_hashed_names(tmp_path, settings):
    # Production stores static files under hashed names and rewrites every url() in the CSS; a reference
    # to a file we did not ship would stop `collectstatic` (and so the Docker build) here.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    assert list(tmp_path.glob("govuk/govuk-frontend.min.*.css"))
    assert list(tmp_path.glob("govuk/govuk-frontend.min.*.js"))
    assert list(tmp_path.glob("portal/portal.*.css"))
