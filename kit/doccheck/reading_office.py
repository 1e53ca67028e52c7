"""Word 97–2003 (.doc), WPS (.wps), RTF and OpenDocument files, converted to .docx by LibreOffice.

Many bodies still publish .doc or WPS attachments. Rather than a second, weaker reader for each
binary format, LibreOffice (headless, from Debian's libreoffice-writer-nogui) converts the file
to .docx in a temporary folder, and the one .docx reader reads it: tables, merged cells and
paragraphs come out exactly as from a Word file. Each conversion runs with its own throw-away
LibreOffice profile, so conversions running at the same time (or a LibreOffice the user has open)
do not block each other, and is stopped after a time limit so a damaged file cannot hang a check.
Measured on the 2-core test machine: ≈2.7 s a file, most of it LibreOffice starting.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from kit.errors import UnreadableDocument
from kit.messages import reading as msg

CONVERTED = {".doc": msg.KIND_DOC, ".wps": msg.KIND_WPS, ".rtf": msg.KIND_RTF, ".odt": msg.KIND_ODT}
# The import filter is named, never guessed: LibreOffice would otherwise open a damaged file as
# plain text and "convert" its bytes into a report of garbage.
_FILTERS = {".doc": "MS Word 97", ".wps": "MS Word 97", ".rtf": "Rich Text Format", ".odt": "writer8", ".xlsx": "Calc MS Excel 2007 XML"}
TIMEOUT = int(os.environ.get("KIT_LIBREOFFICE_TIMEOUT", "120"))


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def convert(path: Path, to: str, folder: Path) -> Path:
    """`path` converted by LibreOffice to format `to` (docx, xlsx …) in `folder`; the new file."""
    kind = CONVERTED.get(path.suffix.lower()) or msg.kind_by_suffix(path.suffix)
    program = soffice()
    if program is None:
        raise UnreadableDocument(msg.needs_libreoffice(kind, path.name))
    with tempfile.TemporaryDirectory(prefix="kit-lo-") as work:
        # an ASCII name: LibreOffice's command line and some filters stumble over others
        source = Path(work) / f"input{path.suffix.lower()}"
        shutil.copyfile(path, source)
        profile = Path(work) / "profile"
        out = Path(work) / "out"
        command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo", *_infilter(path), "--convert-to", to, "--outdir", str(out), str(source)]
        # its own session, so that on a timeout LibreOffice's helper processes are stopped too
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, env={**os.environ, "HOME": work}
        )
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise UnreadableDocument(msg.conversion_timeout(kind, path.name, TIMEOUT)) from None
        made = out / f"input.{to.split(':')[0]}"
        if process.returncode != 0 or not made.is_file() or made.stat().st_size == 0:
            lines = [w for w in (stderr or stdout).strip().splitlines() if "javaldx" not in w]
            raise UnreadableDocument(msg.conversion_failed(kind, path.name, lines[-1] if lines else msg.exit_code(process.returncode)))
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{path.stem}.{to.split(':')[0]}"
        shutil.move(str(made), target)
        return target


def _infilter(path: Path) -> list[str]:
    name = _FILTERS.get(path.suffix.lower())
    return [f"--infilter={name}"] if name else []


def _stop(process: subprocess.Popen[str]) -> None:
    """LibreOffice and the helpers it started (one process group, led by the one we started)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.communicate()
