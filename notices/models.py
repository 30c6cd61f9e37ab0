"""Notices: composition, versions, workflow, rendering and the public pages."""
