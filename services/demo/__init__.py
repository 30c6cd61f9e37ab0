"""Demo register content, copied as plain data from the three real notices in the project's seeds.

One module per notice. Each holds lists of plain dicts whose keys are model field names; records refer to
each other by natural key (a controller's slug, a category's name, a lawful basis's code). Where a notice
is vague or out of date the record says what the notice says and its `note` says what is wrong or missing.
`loader.demo_register_load()` writes them.
"""
