"""What a reviewer or an importer names on the command line: files, folders, lists, URLs.

`kit check --document` and `kit import` both take any mix of

    a report file            .txt .docx .html .pdf .doc .wps .rtf .odt
    a folder                 every report file under it (recursively, sorted; hidden and ~$ files skipped)
    a list file (.list)      one file, folder or URL a line (# starts a comment), relative to the list
    a URL                    http(s)://…, the page or its attached file, downloaded into `downloads`

and get one `Source` per report, in order. A URL that cannot be downloaded is a Source with its
error, so one dead link does not stop a batch of fifty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kit.doccheck.fetching import download, is_url
from kit.doccheck.reading import SUFFIXES
from kit.errors import PathError, UnreadableDocument
from kit.messages import reading as msg

LIST_SUFFIXES = (".list", ".urls")


@dataclass(frozen=True)
class Source:
    path: Path  # the file to read (a URL's downloaded copy)
    url: str | None = None
    error: str | None = None  # why a URL could not be downloaded

    @property
    def shown(self) -> str:
        """How messages name it: the URL as given, or the file."""
        return self.url or str(self.path)


def is_report_file(path: Path) -> bool:
    return path.is_file() and not path.name.startswith((".", "~$")) and path.suffix.lower() in SUFFIXES


def collect_sources(named: Iterable[Path | str], downloads: Path | None = None) -> list[Source]:
    out: list[Source] = []
    for item in named:
        if is_url(item):
            out.append(_download(str(item), downloads))
            continue
        path = Path(item)
        if path.is_dir():
            out += [Source(p) for p in sorted(path.rglob("*")) if is_report_file(p)]
        elif path.is_file() and path.suffix.lower() in LIST_SUFFIXES:
            out += collect_sources(_list(path), downloads)
        elif path.is_file():
            out.append(Source(path))
        else:
            raise PathError(msg.not_found(path))
    return out


def _list(path: Path) -> list[Path | str]:
    entries: list[Path | str] = []
    for raw in path.read_text(encoding="utf-8-sig").splitlines():
        line = raw.split("#", 1)[0].strip() if not is_url(raw.strip()) else raw.strip()
        if not line:
            continue
        entries.append(line if is_url(line) else (path.parent / line))
    return entries


def _download(url: str, downloads: Path | None) -> Source:
    name = Path(url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or msg.PAGE_NAME)
    if downloads is None:
        return Source(name, url, msg.NO_DOWNLOAD_FOLDER)
    try:
        got = download(url, downloads)
    except UnreadableDocument as exc:
        return Source(name, url, str(exc))
    return Source(got.path, url)
