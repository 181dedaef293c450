"""Huishouden, Persoon, Traject and its workflow, contactjournaal and the timeline."""
