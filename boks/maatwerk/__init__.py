"""Aanvullende zorg: Verwijzingen, maatwerk and PGB Aanvragen with their routing and besluiten."""
