"""What the form's web page needs from the server that shows it (`kit serve`, `kit hub`'s Voila).

Kept with the form, so the server code only passes it on:

- the page template (kit/templates/form/jupyter/voila/templates/kit): Voila's lab page without
  its Font Awesome link to a CDN (the page requests nothing from any other host), with a Chinese
  loading text; the tab's title is the notebook's metadata.title;
- kernel culling: a closed tab's kernel is shut down `cull_after()` seconds after its last
  message (default 120 s; KIT_FORM_CULL_AFTER overrides, e.g. in tests). A tab that is open keeps
  its kernel (Jupyter does not cull kernels with a connection). Short is safe because typed work
  is autosaved within a second (kit.form.autosave) and offered back when the page is reopened:
  before this, a 30-minute timeout left ≈90 MB a closed tab (14 page loads: 1.2 GB).
"""

from __future__ import annotations

import os

from kit import paths

TEMPLATE_ROOT = paths.TEMPLATES / "form" / "jupyter"  # a Jupyter data folder: voila/templates/kit/
TEMPLATE = "kit"
CULL_AFTER = 120


def cull_after() -> int:
    try:
        return max(1, int(os.environ.get("KIT_FORM_CULL_AFTER", CULL_AFTER)))
    except ValueError:
        return CULL_AFTER


def voila_arguments(seconds: int | None = None) -> list[str]:
    """Voila's command-line settings for the form's page (culling after `seconds`, default cull_after())."""
    seconds = seconds or cull_after()
    return [
        f"--template={TEMPLATE}",
        f"--MappingKernelManager.cull_idle_timeout={seconds}",
        f"--MappingKernelManager.cull_interval={max(1, min(60, seconds // 4))}",
        "--MappingKernelManager.cull_connected=False",
    ]


def jupyter_path(current: str | None = None) -> str:
    """JUPYTER_PATH with the form's template folder first (Voila finds templates there)."""
    parts = [str(TEMPLATE_ROOT)] + ([current] if current else [])
    return os.pathsep.join(parts)
