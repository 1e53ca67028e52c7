"""The figures as data: the tidy pandas frame, CSV/Excel exports, key figures and the county summary's data."""
