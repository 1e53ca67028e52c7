"""A report named by its URL: the web page itself, or the file it is attached as.

Reports are published as web pages (the usual case: an article page of the body's 政府信息公开
专栏) or as an attached .docx/.doc/.wps/.pdf. The page or file is downloaded once into a folder
the caller owns, under a name that says what it is, and then read like any other file, so a
report from the web goes through exactly the same readers and checks as one on disk.

A web page that carries no report itself but links to the attached report (an article page
saying "附件：XX年度报告.docx") is followed to that attachment, once.

Only http:// and https:// are fetched (never file:// or anything a redirect could smuggle in),
with a time limit and a size limit; being offline, a wrong address or a server error is a
message naming the URL, never a traceback.
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kit.errors import UnreadableDocument
from kit.messages import reading as msg

TIMEOUT = float(os.environ.get("KIT_DOWNLOAD_TIMEOUT", "20"))
LIMIT_MB = 50
_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "application/vnd.ms-works": ".wps",
    "application/kswps": ".wps",
    "application/wps-office.wps": ".wps",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
_KNOWN = (".html", ".htm", ".shtml", ".txt", ".pdf", ".docx", ".doc", ".wps", ".rtf", ".odt", ".xlsx")
_ATTACHMENT = re.compile(r"""<a\b[^>]*?href\s*=\s*["']([^"']+?\.(?:docx|doc|wps|pdf)(?:[?#][^"']*)?)["'][^>]*>(.*?)</a>""", re.IGNORECASE | re.DOTALL)
_USER_AGENT = "kit-gov-report-reader/1 (+https://github.com)"


def is_url(text: object) -> bool:
    return isinstance(text, str) and bool(re.match(r"^https?://", text.strip(), re.IGNORECASE))


@dataclass(frozen=True)
class Downloaded:
    url: str
    path: Path
    content_type: str


def download(url: str, folder: Path, *, follow_attachment: bool = True) -> Downloaded:
    """The page or file at `url`, saved in `folder`; a page that only links to the report's
    attachment is followed to it."""
    url = url.strip()
    if not is_url(url):
        raise UnreadableDocument(msg.bad_url(url))
    data, content_type, final = _get(url)
    suffix = _suffix(final, content_type, data)
    if suffix is None:
        raise UnreadableDocument(msg.unknown_download(url, content_type))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _name(final, suffix)
    path.write_bytes(data)
    if follow_attachment and suffix == ".html":
        attachment = _attachment(data, final)
        if attachment is not None:
            return download(attachment, folder, follow_attachment=False)
    return Downloaded(url, path, content_type)


class _OnlyWeb(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg_, headers, newurl):  # type: ignore[no-untyped-def]
        if not is_url(newurl):
            return None
        return super().redirect_request(req, fp, code, msg_, headers, newurl)


def as_uri(url: str) -> str:
    """A web address as typed or copied (Chinese in the path, a Chinese domain) as HTTP needs it."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        host = host.encode("idna").decode("ascii")
    netloc = host + (f":{parts.port}" if parts.port else "")
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    safe = "/%:@!$&'()*+,;=-._~"
    return urllib.parse.urlunsplit(
        (parts.scheme, netloc, urllib.parse.quote(parts.path, safe=safe), urllib.parse.quote(parts.query, safe=safe + "?"), urllib.parse.quote(parts.fragment, safe=safe))
    )


def _get(url: str) -> tuple[bytes, str, str]:
    opener = urllib.request.build_opener(_OnlyWeb)
    request = urllib.request.Request(as_uri(url), headers={"User-Agent": _USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            limit = LIMIT_MB * 1024 * 1024
            data = response.read(limit + 1)
            if len(data) > limit:
                raise UnreadableDocument(msg.too_large(url, LIMIT_MB))
            content_type = (response.headers.get_content_type() or "").lower()
            return data, content_type, response.geturl() or url
    except urllib.error.HTTPError as exc:
        raise UnreadableDocument(msg.http_status(url, exc.code)) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise UnreadableDocument(msg.download_timeout(url, TIMEOUT)) from None
        raise UnreadableDocument(msg.offline(url, _why(reason))) from None
    except TimeoutError:
        raise UnreadableDocument(msg.download_timeout(url, TIMEOUT)) from None
    except (OSError, ValueError) as exc:  # a connection reset half-way, a malformed address
        raise UnreadableDocument(msg.offline(url, _why(exc))) from None


def _why(reason: object) -> str:
    text = str(reason)
    if "Name or service not known" in text or "nodename nor servname" in text or "Temporary failure in name resolution" in text:
        return msg.HOST_UNKNOWN
    if "Connection refused" in text:
        return msg.CONNECTION_REFUSED
    if "Network is unreachable" in text:
        return msg.NETWORK_UNREACHABLE
    return text


def _suffix(url: str, content_type: str, data: bytes) -> str | None:
    path = urllib.parse.urlparse(url).path.lower()
    for suffix in _KNOWN:
        if path.endswith(suffix):
            return ".html" if suffix in (".htm", ".shtml") else suffix
    if content_type in _TYPES:
        return _TYPES[content_type]
    head = data[:8]
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK"):
        return ".docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".doc"
    if b"<html" in data[:2048].lower():
        return ".html"
    return None


def _name(url: str, suffix: str) -> str:
    """A file name that says where it came from: host, last part of the path, a short digest."""
    parts = urllib.parse.urlparse(url)
    stem = urllib.parse.unquote(Path(parts.path).stem) or "index"
    stem = re.sub(r"[^\w\u4e00-\u9fff.-]+", "_", stem).strip("._")[:60] or "index"
    host = re.sub(r"[^\w.-]+", "_", parts.hostname or "web")
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return f"{host}-{stem}-{digest}{suffix}"


def _attachment(data: bytes, base: str) -> str | None:
    """The one attached report a page links to, when the page's own text has no report in it."""
    text = data.decode("utf-8", errors="ignore")
    if re.search(r"[一二三四五六]\s*、", re.sub(r"<[^>]+>", "", text)) and "<table" in text.lower():
        return None  # the report is on the page itself
    links: dict[str, str] = {}  # link -> its text
    for m in _ATTACHMENT.finditer(text):
        link = urllib.parse.urljoin(base, m.group(1))
        if is_url(link):
            links[link] = links.get(link, "") + re.sub(r"<[^>]+>", "", m.group(2))
    reports = [link for link, words in links.items() if "报告" in urllib.parse.unquote(link) + words]
    chosen = reports or list(links)
    return chosen[0] if len(chosen) == 1 else None
