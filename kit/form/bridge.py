"""What the form does in the browser itself, where the kernel cannot help: one small anywidget.

Some things must happen in the page even when the server is gone or busy, or without a round
trip per key press, so they are JavaScript (kit/templates/form/bridge.js, served inline with the
widget: no request to any other host):

- asking before leaving the page with unsaved changes (the `dirty` trait mirrors the model);
- saying 连接已断开 when the kernel's connection drops, dies or restarts, instead of leaving
  widgets that silently do nothing, and refusing a click on 保存 then with the same notice;
- moving between table cells with Enter and the arrow keys, as in a spreadsheet;
- a finding in the panel scrolling to its cell and focusing it;
- column headers that stay visible while scrolling, the panel kept below the toolbar;
- the grids' roles and every cell's accessible name (its printed row · column) for screen readers.

The same widget runs in JupyterLab and under `kit serve` (Voila): both load anywidget's front end
from the local server.
"""

from __future__ import annotations

import functools

import anywidget
import traitlets

from kit import paths
from kit.messages import form as msg

SCRIPT = paths.TEMPLATES / "form" / "bridge.js"


@functools.cache
def _script() -> str:
    return SCRIPT.read_text(encoding="utf-8")


class Bridge(anywidget.AnyWidget):
    """One per page: the browser side of the form."""

    _esm = traitlets.Unicode().tag(sync=True)
    dirty = traitlets.Bool(False).tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)

    def __init__(self) -> None:
        super().__init__(
            _esm=_script(),
            texts={"disconnected": msg.DISCONNECTED, "saveLost": msg.SAVE_WHILE_DISCONNECTED, "reload": msg.RELOAD, "leave": msg.LEAVE_WARNING},
        )
        self.add_class("kit-bridge")
