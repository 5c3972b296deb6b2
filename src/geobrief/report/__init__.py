"""Reports: the analyst's brief, from the store."""
