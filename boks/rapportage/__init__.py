"""Management information: indicators, dashboards and the report pack."""
