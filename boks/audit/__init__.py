"""Access log (NEN 7513) and change history; imported by every domain app, imports none."""
