"""Which project the form works on: the one it was opened in, never the kit's installed checkout.

Under `kit serve` the server says (KIT_PARAMETERS, KIT_EXPORTS). In JupyterLab the kernel runs
in the notebook's folder and Jupyter names the notebook relative to the folder JupyterLab was
started from (JPY_SESSION_NAME), so that folder is the project: a training copy opened there
edits its own parameters/, not the live ones of the installed kit. Without that name (an older
server, a plain kernel) the project is the nearest folder upwards holding parameters/, else the
working folder itself.
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root(cwd: Path | None = None, session: str | None = None) -> Path:
    here = (cwd or Path.cwd()).resolve()
    name = os.environ.get("JPY_SESSION_NAME", "") if session is None else session
    if name and not Path(name).is_absolute():
        depth = len(Path(name).parts) - 1  # folders between the started-from folder and the notebook
        if 0 <= depth < len(here.parts):
            root = here.parents[depth - 1] if depth else here
            if (root / "parameters").is_dir() or not any((p / "parameters").is_dir() for p in (here, *here.parents)):
                return root
    for folder in (here, *here.parents):
        if (folder / "parameters").is_dir():
            return folder
    return here


def default_parameters() -> Path:
    env = os.environ.get("KIT_PARAMETERS")
    return Path(env) if env else project_root() / "parameters"


def default_exports() -> Path:
    env = os.environ.get("KIT_EXPORTS")
    return Path(env) if env else project_root() / "exports"
