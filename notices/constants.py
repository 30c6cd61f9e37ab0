"""Facts every notice states the same way."""

# Where people complain to after us (UK GDPR Art 13(2)(d)/14(2)(e)).
INFORMATION_COMMISSIONER = {
    "name": "Information Commissioner's Office",
    "address": ["Wycliffe House", "Water Lane", "Wilmslow", "Cheshire", "SK9 5AF"],
    "phone": "0303 123 1113",
    "website": "https://ico.org.uk/make-a-complaint/",
}

# A notice must be reviewed within this many months of publishing.
REVIEW_MONTHS = 12
