"""How tall the DPO's review page is, in Chromium, for a change to one recipient of a demo notice.

    python bench/review_height.py [SLUG]

The demo is loaded into a throwaway SQLite database; the IG officer adds one recipient to the notice (default
essex-childrens-services) and submits it; the DPO's review page is rendered and opened in the system Chromium
with the portal's own stylesheets, and its height (document.documentElement.scrollHeight) is printed at
1280 px and 375 px wide.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def _review_html(folder: str, slug: str) -> str:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from notices import actions
    from notices.models import Notice
    from tests.factories import RecipientFactory

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    users = get_user_model().objects
    officer, dpo = users.get(username="ig.officer"), users.get(username="dpo")
    notice = Notice.objects.get(slug=slug)
    notice.recipients.add(RecipientFactory(name="Telljo Ltd", organisation=notice.organisation))
    draft = actions.version_start_draft(actor=officer, notice=notice)
    actions.version_submit(actor=officer, version=draft, change_summary="Telljo Ltd added")
    client = Client(HTTP_HOST="localhost")
    client.force_login(dpo)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=dpo, confirmed=True).first().persistent_id
    session.save()
    response = client.get(f"/manage/notices/{notice.pk}/review/")
    assert response.status_code == 200, response.status_code
    return response.content.decode().replace('="/static/', f'="file://{ROOT}/static/')


def main() -> None:
    slug = sys.argv[1] if len(sys.argv) > 1 else "essex-childrens-services"
    folder = tempfile.mkdtemp(prefix="bench-review-")
    os.environ.update(DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3", MEDIA_ROOT=f"{folder}/media", DEBUG="1")
    import django

    django.setup()
    page_file = Path(folder) / "review.html"
    page_file.write_text(_review_html(folder, slug), encoding="utf-8")

    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(page_file.as_uri())
            height = page.evaluate("document.documentElement.scrollHeight")
            print(f"review page of {slug} (one recipient added) at {width} px: {height} px tall")
        browser.close()


if __name__ == "__main__":
    main()
