"""The rules read the three seed notices: proposals against the records the demo loader builds from each seed.
Run with -s to see the table (precision and recall per record type)."""

import pytest

from services.demo.loader import demo_register_load
from tests.imports.accuracy import GOAL, GOALS, seed_scores, table


@pytest.fixture
def loads(db):
    return demo_register_load()


def test_it_proposes_most_of_what_the_demo_records_from_each_seed(loads):
    scores = {key: seed_scores(load) for key, load in loads.items()}
    print("\n" + table(scores))

    short = [
        f"seed {key} {s.record_type}: recall {s.recall:.0%} ({s.correct} of {s.expected})"
        for key, seed in scores.items() for s in seed
        if s.record_type in GOALS and s.recall is not None and s.recall < GOAL
    ]
    assert not short, "\n".join(short)
    # A goal with nothing to measure would pass by having no records: each is measured on some seed.
    assert set(GOALS) <= {s.record_type for seed in scores.values() for s in seed if s.expected}
