"""What the command line says (kit.cli): help texts, progress, results and refusals."""

from __future__ import annotations

# --- help shared by several commands ----------------------------------------------------------

BODY_HELP = "县/主体，例如 微山县/驩城镇"
TO_HELP = "html,pdf,docx 中的一项或几项，用逗号分隔（默认全部）"
CHECK_JOBS_HELP = "同时检查几个县（默认为本机处理器数；各县之间互不影响）"
