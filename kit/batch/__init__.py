"""Batches: plan everything first, then build many reports in parallel (local worker processes or a Dask cluster), incrementally and resumably."""
