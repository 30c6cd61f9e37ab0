"""Views of the notices app, split by audience: public pages here; staff pages in their own modules."""
