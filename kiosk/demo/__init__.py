"""The deterministic demo village: residents, subsidies, disclosures, services."""
