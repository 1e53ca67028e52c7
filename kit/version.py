"""The kit's version (one place; kit.__version__ and the batch's code digest read it)."""

VERSION = "0.1.0"
