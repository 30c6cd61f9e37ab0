"""What changed between two versions of a notice, from their frozen documents.

Two views of the same change: a plain-English list of structured changes ("Added recipient: Telljo";
"Young Carers records: kept for 15 years, was for 10 years") for people, and a word-level diff of the
rendered text for anyone who wants to see every word.
"""

import html as html_lib
import re

from diff_match_patch import diff_match_patch
from django.utils.html import strip_tags

from .sections import all_records


def _section(document: dict, key: str) -> dict:
    return next((s for s in document["sections"] if s["key"] == key), {})


def _names(items: list[dict], field: str = "name") -> dict:
    return {item.get("id", item[field]): item[field] for item in items}


def _records_added_removed(old: dict, new: dict) -> list[str]:
    """Records added to, removed from or renamed in each section's lists (notices.sections), in notice order.
    Lists nested inside another record (a purpose's legislation) are compared with that record."""
    changes: list[str] = []
    for section, records in all_records():
        if not records.is_direct:
            continue
        was, now = _section(old, section.key).get(records.field, []), _section(new, section.key).get(records.field, [])
        changes += _added_removed(records.noun, _names(was, records.name_field), _names(now, records.name_field))
    return changes


def _added_removed(label: str, old: dict, new: dict) -> list[str]:
    changes = [f"Added {label}: {new[key]}" for key in new if key not in old]
    changes += [f"Removed {label}: {old[key]}" for key in old if key not in new]
    changes += [f"Renamed {label}: {old[key]} is now {new[key]}" for key in new if key in old and old[key] != new[key]]
    return changes


def structured_changes(old: dict, new: dict) -> list[str]:
    """Plain-English changes between two documents, section by section in notice order."""
    changes: list[str] = []
    if old["notice"]["title"] != new["notice"]["title"]:
        changes.append(f"Title changed from “{old['notice']['title']}” to “{new['notice']['title']}”")
    if old["notice"].get("summary") != new["notice"].get("summary"):
        changes.append("Summary rewritten")
    changes += _records_added_removed(old, new)
    changes += _who_we_are(_section(old, "who_we_are"), _section(new, "who_we_are"))
    changes += _purposes(
        _section(old, "why_we_use_it").get("purposes", []), _section(new, "why_we_use_it").get("purposes", [])
    )
    if _section(old, "why_we_use_it").get("provision_statement") != _section(new, "why_we_use_it").get(
            "provision_statement"):
        changes.append("Changed what we say about whether you have to give us your information")
    changes += _transfers(_section(old, "who_we_share_with"), _section(new, "who_we_share_with"))
    changes += _retention(_section(old, "how_long_we_keep_it"), _section(new, "how_long_we_keep_it"))
    changes += _rights(_section(old, "your_rights"), _section(new, "your_rights"))
    changes += _free_text(old, new)
    return changes


def _who_we_are(old: dict, new: dict) -> list[str]:
    changes = []
    if (old.get("dpo") or {}) != (new.get("dpo") or {}):
        changes.append("Data protection officer's contact details changed")
    old_services = {s["id"]: s for s in old.get("services", [])}
    new_services = {s["id"]: s for s in new.get("services", [])}
    for key in new_services.keys() & old_services.keys():
        if new_services[key]["role"] != old_services[key]["role"]:
            changes.append(
                f"{new_services[key]['name']}: our role is now “{new_services[key]['role_label']}”, "
                f"was “{old_services[key]['role_label']}”"
            )
        changes += _parties(new_services[key]["name"], old_services[key], new_services[key])
    return changes


def _parties(service: str, old: dict, new: dict) -> list[str]:
    """Organisations added to or removed from a service, or playing a new part in it (older documents have none)."""
    def parts(document_service: dict) -> dict:
        return {(p["name"], p["role"]): p["role_label"].split(":")[0].lower()
                for p in document_service.get("parties", [])}
    was, now = parts(old), parts(new)
    return [f"{service}: added {name} as {now[(name, role)]}" for name, role in now if (name, role) not in was] + [
        f"{service}: removed {name} as {was[(name, role)]}" for name, role in was if (name, role) not in now]


def _purposes(old: list[dict], new: list[dict]) -> list[str]:
    changes = []
    old_by_id = {p["id"]: p for p in old}
    for purpose in new:
        before = old_by_id.get(purpose["id"])
        if before is None:
            continue
        for field, label in [
            ("art6", "lawful basis"),
            ("art9", "special category condition"),
            ("sch1", "Schedule 1 condition"),
            ("criminal", "criminal offence data condition"),
        ]:
            was, now = (before.get(field) or {}).get("title"), (purpose.get(field) or {}).get("title")
            if was != now:
                changes.append(f"{purpose['name']}: {label} is now {now or 'none'}, was {was or 'none'}")
        if [law["title"] for law in before["legislation"]] != [law["title"] for law in purpose["legislation"]]:
            changes.append(f"{purpose['name']}: the law we rely on changed")
    return changes


def _transfers(old: dict, new: dict) -> list[str]:
    old_t = {r["id"]: r["transfer"] for r in old.get("transfers", [])}
    changes = []
    for recipient in new.get("transfers", []):
        before = old_t.get(recipient["id"])
        if before is None:
            changes.append(f"{recipient['name']}: information now goes to {recipient['transfer']['country']}")
        elif before != recipient["transfer"]:
            changes.append(
                f"{recipient['name']}: the safeguard for the transfer to {recipient['transfer']['country']} changed"
            )
    return changes


def _retention(old: dict, new: dict) -> list[str]:
    old_rules = {r["id"]: r for r in old.get("rules", [])}
    new_rules = {r["id"]: r for r in new.get("rules", [])}
    changes = []
    for key in new_rules.keys() & old_rules.keys():
        if new_rules[key]["period"] != old_rules[key]["period"]:
            changes.append(
                f"{new_rules[key]['record_type']}: kept {new_rules[key]['period']}, was {old_rules[key]['period']}"
            )
    return changes


def _rights(old: dict, new: dict) -> list[str]:
    old_titles = {r["key"]: r["title"] for r in old.get("rights", [])}
    new_titles = {r["key"]: r["title"] for r in new.get("rights", [])}
    return [f"Now offered: {title}" for key, title in new_titles.items() if key not in old_titles] + [
        f"No longer offered: {title}" for key, title in old_titles.items() if key not in new_titles
    ]


def _free_text(old: dict, new: dict) -> list[str]:
    old_text = {s["id"]: s for s in old["sections"] if s.get("free_text")}
    new_text = {s["id"]: s for s in new["sections"] if s.get("free_text")}
    changes = _added_removed(
        "section", {k: s["title"] for k, s in old_text.items()}, {k: s["title"] for k, s in new_text.items()}
    )
    changes += [
        f"Changed text: {s['title']}"
        for k, s in new_text.items()
        if k in old_text and old_text[k]["markdown"] != s["markdown"]
    ]
    return changes


def html_to_text(html: str) -> str:
    """Readable text from rendered HTML: block ends become line breaks, runs of spaces one space."""
    text = re.sub(r"</(p|li|h[1-6]|dt|dd|tr|address)>|<br\s*/?>", "\n", html)
    text = html_lib.unescape(strip_tags(text))
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def word_diff(old_text: str, new_text: str) -> list[tuple[str, str]]:
    """[(op, text)] with op "equal", "insert" or "delete", diffed word by word (not character by character,
    which reads badly: "kept 1[0]5 years")."""
    tokens_old, tokens_new = re.findall(r"\S+|\s+", old_text), re.findall(r"\S+|\s+", new_text)
    vocabulary: dict[str, str] = {}

    def encode(tokens):
        return "".join(vocabulary.setdefault(token, chr(0x10000 + len(vocabulary))) for token in tokens)

    engine = diff_match_patch()
    diffs = engine.diff_main(encode(tokens_old), encode(tokens_new), False)
    engine.diff_cleanupSemantic(diffs)
    decode = {char: token for token, char in vocabulary.items()}
    ops = {0: "equal", 1: "insert", -1: "delete"}
    return [(ops[op], "".join(decode[char] for char in chars)) for op, chars in diffs]


_SECTION = re.compile(
    r'<section class="notice-section" id="(?P<key>[^"]+)"[^>]*>\s*<h2[^>]*>(?P<title>.*?)</h2>(?P<body>.*?)</section>',
    re.DOTALL,
)
CONTEXT_LINES = 2  # unchanged lines kept either side of a change, so a reader sees where it sits


def _sections_text(html: str) -> dict[str, tuple[str, str]]:
    """{section key: (title, readable text of its body)} of a rendered notice, in notice order."""
    return {
        m["key"]: (html_lib.unescape(strip_tags(m["title"])).strip(), html_to_text(m["body"]))
        for m in _SECTION.finditer(html)
    }


def _trim(diff: list[tuple[str, str]], keep: int = CONTEXT_LINES) -> list[tuple[str, str]]:
    """The diff with long unchanged runs cut to `keep` lines beside each change; "…" marks what was cut."""
    trimmed = []
    for index, (op, text) in enumerate(diff):
        lines = text.split("\n")
        if op != "equal" or len(lines) <= 2 * keep + 2:
            trimmed.append((op, text))
            continue
        after = lines[: keep + 1] if index > 0 else []  # the rest of the changed line, then `keep` lines
        before = lines[-keep - 1:] if index < len(diff) - 1 else []
        trimmed.append((op, "\n".join(after + ["…"] + before)))
    return trimmed


def compare_versions(old_doc: dict, old_html: str, new_doc: dict, new_html: str) -> dict:
    """Everything the changes partial (notices/includes/_changes.html) shows: the structured changes, then
    only the sections whose words changed, each a trimmed word diff, and how many sections did not change.
    The public compare page and the DPO's review page both use it."""
    old, new = _sections_text(old_html), _sections_text(new_html)
    changed, unchanged = [], 0
    for key in list(new) + [k for k in old if k not in new]:
        title, was = old.get(key, ("", ""))
        title, now = new.get(key, (title, ""))
        if was == now:
            unchanged += 1
            continue
        state = "added" if key not in old else "removed" if key not in new else "changed"
        changed.append({"key": key, "title": title, "state": state, "diff": _trim(word_diff(was, now))})
    return {"changes": structured_changes(old_doc, new_doc), "sections": changed, "unchanged": unchanged}
