"""Organisaties, clusters, teams, users and their roles: who is who."""
