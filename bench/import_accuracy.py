"""How well the import's rules read the three seed notices, against the records the demo loader builds from them.

    python bench/import_accuracy.py

Loads the demo register into a throwaway SQLite database, reads each seed's text (tests/imports/seeds/) as an
import would, and prints per seed and record type how many of the demo's records were proposed correctly, wrongly
or missed, with precision and recall. tests/imports/test_accuracy.py asserts the goals on the same figures.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        from services.demo.loader import demo_register_load
        from tests.imports.accuracy import seed_scores, table

        loads = demo_register_load()
        print(table({key: seed_scores(load) for key, load in loads.items()}))


if __name__ == "__main__":
    main()
