"""Laying reports out: text, HTML, DOCX, table layout from the spec's label paths, charts, the summary page. No I/O, no kernel."""
