"""The open, read-only API: published content as JSON, its JSON Schema, and the CORS headers (docs at /api/)."""
