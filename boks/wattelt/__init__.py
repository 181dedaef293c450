"""Wat Telt: Leefgebieden, Metingen and their schedule and reminders."""
