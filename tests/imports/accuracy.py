"""How well the rules read the three seed notices: the proposals for each seed's text against the records the
demo loader builds from that seed (services.demo), per record type, as proposed correctly, wrongly or missed.

Used by tests/imports/test_accuracy.py (which asserts the goals) and bench/import_accuracy.py (which prints)."""

from dataclasses import dataclass
from pathlib import Path

from imports.reading import read
from imports.rules import Proposed, similar, words

# Copies of the three seed notices (../shared/seeds/), so the suite runs where that folder is not.
SEEDS = Path(__file__).resolve().parent / "seeds"
# The record types the issue sets a recall goal for.
GOALS = ("controller", "dpo", "lawful_basis", "legislation", "retention_rule", "recipient")
GOAL = 0.8


@dataclass
class Score:
    record_type: str
    expected: int
    proposed: int
    correct: int

    @property
    def recall(self) -> float | None:
        return self.correct / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.proposed if self.proposed else None

    @property
    def wrong(self) -> int:
        return self.proposed - self.correct

    @property
    def missed(self) -> int:
        return self.expected - self.correct


def seed_file(key: str) -> Path:
    return next(SEEDS.glob(f"{key}-*.txt"))


def _expected(load) -> dict[str, list]:
    """What the demo recorded from the seed, as the items each record type is scored on."""
    purposes = load.purposes
    codes = {basis.code for p in purposes for basis in
             (p.art6_basis, p.art9_condition, p.sch1_condition, p.criminal_condition) if basis}
    dpo = [(name, getattr(c, name)) for c in load.controllers
           for name in ("dpo_name", "dpo_email", "dpo_phone", "dpo_address") if getattr(c, name)]
    legislation = {law.title for law in load.legislation} | {law.title for p in purposes for law in p.legislation.all()}
    return {
        "controller": [[c.name, *(n.strip() for n in c.other_names.split(",") if n.strip())]
                       for c in load.controllers],
        "dpo": dpo,
        "lawful_basis": sorted(codes),
        "legislation": sorted(legislation),
        "retention_rule": list(load.retention_rules),
        "recipient": [r.name for r in load.recipients],
        "transfer": [(r.name, r.transfer_country) for r in load.recipients if r.transfers_abroad],
        "data_category": [c.name for c in load.data_categories],
        "subject_group": [g.name for g in load.subject_groups],
        "purpose": [p.name for p in purposes],
        "source": [s.name for s in load.sources],
    }


def _proposed(proposals: list[Proposed], record_type: str) -> list:
    chosen = [p for p in proposals if p.record_type == record_type]
    if record_type == "dpo":
        return [(name, value) for p in chosen for name, value in p.values.items() if value]
    return chosen


def _same(record_type: str, expected, proposal) -> bool:
    if record_type == "controller":
        names = [proposal.values["name"], *proposal.values.get("other_names", "").split(",")]
        return any(similar(e, n, threshold=0.8) for e in expected for n in names if n.strip())
    if record_type == "dpo":
        return expected[0] == proposal[0] and words(expected[1]) == words(proposal[1])
    if record_type == "lawful_basis":
        return proposal.values["code"] == expected
    if record_type == "legislation":
        return proposal.values["title"] == expected
    if record_type == "retention_rule":
        return _same_period(expected, proposal.values)
    if record_type == "transfer":
        return similar(expected[0], proposal.values["recipient"]) and similar(
            expected[1], proposal.values["transfer_country"], threshold=0.6)
    return similar(expected, proposal.values["name"], threshold=0.6)


def _same_period(rule, values: dict) -> bool:
    if rule.period_kind == "fixed":
        return values.get("period_kind") == "fixed" and values.get("period_number") == rule.period_number \
            and values.get("period_unit") == rule.period_unit
    said = words(" ".join(filter(None, (rule.until_event, rule.authority, rule.record_type))))
    found = words(" ".join(str(values.get(name) or "") for name in ("until_event", "authority", "record_type")))
    return values.get("period_kind") == "until_event" and len(said & found) >= 3


def score(record_type: str, expected: list, proposed: list) -> Score:
    """One-to-one: each expected item takes the first unused proposal that says the same."""
    unused = list(proposed)
    correct = 0
    for item in expected:
        match = next((p for p in unused if _same(record_type, item, p)), None)
        if match is not None:
            unused.remove(match)
            correct += 1
    return Score(record_type, len(expected), len(proposed), correct)


def seed_scores(load) -> list[Score]:
    """Read the seed's text and score the proposals against the demo's records for that seed."""
    reading = read("text", seed_file(load.key).read_bytes())
    expected = _expected(load)
    return [score(record_type, items, _proposed(reading.proposals, record_type))
            for record_type, items in expected.items()]


def table(scores_by_seed: dict[str, list[Score]]) -> str:
    """The closing note: per seed and record type, proposed correctly / wrongly / missed, precision, recall."""
    def percent(value):
        return "  -  " if value is None else f"{value:5.0%}"

    lines = [f"{'seed':<5}{'record type':<16}{'demo':>5}{'proposed':>9}{'correct':>8}{'wrong':>6}{'missed':>7}"
             f"{'precision':>10}{'recall':>7}"]
    for key, scores in scores_by_seed.items():
        for s in scores:
            lines.append(f"{key:<5}{s.record_type:<16}{s.expected:>5}{s.proposed:>9}{s.correct:>8}{s.wrong:>6}"
                         f"{s.missed:>7}{percent(s.precision):>10}{percent(s.recall):>7}")
    return "\n".join(lines)
