"""The fill-in form: ipywidgets only here (widgets), over a plain-Python model, grid, paste and actions."""
