"""How long each demo notice's public page is beside the notice it replaces, and how plain the portal's own words are.

    python bench/notice_words.py SEEDS_FOLDER

SEEDS_FOLDER holds the seed notices (001-….txt, 002-….txt, 003-….txt). The demo is loaded into a throwaway
SQLite database; for each demo notice the script prints the words on its public page (the published HTML as
text), the words of its seed, and their ratio; then the Flesch reading ease of the sentences the portal writes
by itself (tests/notices/test_generated_sentences.py), measured as the readability check measures it.
"""

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

SEEDS = {
    "essex-child-and-family-wellbeing": "001",
    "essex-childrens-services": "002",
    "essex-county-council": "003",
}


def _words(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", text))


def main() -> None:
    seeds = Path(sys.argv[1])
    folder = tempfile.mkdtemp(prefix="bench-words-")
    os.environ.update(DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3", MEDIA_ROOT=f"{folder}/media", DEBUG="1")
    import django

    django.setup()
    from django.core.management import call_command

    from notices.compare import html_to_text
    from notices.compliance.readability import flesch_reading_ease
    from notices.models import Notice
    from notices.selectors import publication_in_force

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"{'notice':40} {'page words':>10} {'seed words':>10} {'ratio':>6}")
    for slug, number in SEEDS.items():
        publication = publication_in_force(notice=Notice.objects.get(slug=slug))
        page = _words(html_to_text(publication.html))
        seed = _words(next(seeds.glob(f"{number}-*.txt")).read_text(encoding="utf-8"))
        print(f"{slug:40} {page:>10} {seed:>10} {page / seed:>6.2f}")
    sys.path.insert(0, str(ROOT / "tests"))
    from tests.notices.test_generated_sentences import SENTENCES

    score, words, sentences = flesch_reading_ease(". ".join(sentence for sentence, _, _ in SENTENCES))
    print(f"Flesch reading ease of the portal's own sentences: {score} ({words} words, {sentences} sentences)")


if __name__ == "__main__":
    main()
