"""Where the kit's own files are: its templates, its report editions and the checkout's notebooks.

One place for these, so that a module's position in the package never decides a path.
"""

from __future__ import annotations

from pathlib import Path

KIT_DIR = Path(__file__).resolve().parent
CHECKOUT = KIT_DIR.parent  # the folder holding kit/, notebooks/, parameters/ and exports/
TEMPLATES = KIT_DIR / "templates"
EDITIONS = KIT_DIR / "spec" / "editions"
NOTEBOOKS = CHECKOUT / "notebooks"
