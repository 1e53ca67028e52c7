"""The steps the report and county-summary notebooks call (kept out of the notebooks so they stay thin)."""
