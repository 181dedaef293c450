"""The gezinsplan: versions, Doelen, Afspraken, scale scores, afwegingen and evaluaties."""
