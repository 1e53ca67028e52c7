"""The `kit` command line: one module per command group, registered in kit/cli/main.py's AREAS."""
