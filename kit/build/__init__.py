"""Building one report or the county summary: papermill execution, the nbconvert export, PDF and Word, the formats and what the machine needs."""
