"""The kit: 政府信息公开工作年度报告, authored in Jupyter.

The core (spec, parameters, validation, document) is plain Python; it never imports
ipywidgets, papermill or nbconvert, so `kit check` starts fast and tests need no kernel.
"""

from __future__ import annotations

from kit.version import VERSION

__version__ = VERSION
