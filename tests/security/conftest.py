"""Prints how many Hypothesis examples the hostile-input tests ran, by form group, at the end of the run."""


def pytest_terminal_summary(terminalreporter):
    from .hostile import ACCEPTED, EXAMPLES_RUN

    if not EXAMPLES_RUN:
        return
    terminalreporter.write_sep("-", "hostile input: Hypothesis examples run, by form group")
    for group, count in sorted(EXAMPLES_RUN.items()):
        terminalreporter.write_line(f"{count:6d}  {group}  ({ACCEPTED[group]} accepted)")
    terminalreporter.write_line(
        f"{sum(EXAMPLES_RUN.values()):6d}  in total ({sum(ACCEPTED.values())} accepted)"
    )
