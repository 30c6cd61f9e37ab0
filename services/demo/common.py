"""Records more than one seed uses. They are defined once so every seed writes exactly the same values
(the loader refuses two different definitions of one record)."""

YOU = {
    "name": "You",
    "kind": "person",
    "description": "The person the information is about, or someone acting for them.",
}
