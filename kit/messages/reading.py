"""Texts of the readers of published reports: PDF, Word 97–2003 and WPS (through LibreOffice), URLs."""

from __future__ import annotations

NEEDS_PDFPLUMBER = "读取 PDF 需要 pdfplumber（随本工具安装）"


def not_a_pdf(name: str, why: str) -> str:
    return f"{name} 不是有效的 PDF 文件，或文件已损坏（{why}）"


def pdf_encrypted(name: str) -> str:
    return f"{name} 是加密的 PDF，需要密码才能打开；请另存为不加密的 PDF，或另存为 .docx 后再读取"


def no_text_layer(name: str, pages: int) -> str:
    return (
        f"{name} 没有文字层（共 {pages} 页，都是图像，多为扫描件）：本工具不从图像中猜测文字和数字。"
        "请取得原始的 Word/WPS 文件或网页，或先用文字识别（OCR）软件转成文字并逐一核对后再读取"
    )


def needs_libreoffice(kind: str, name: str) -> str:
    return (
        f"读取{kind}（{name}）需要 LibreOffice：请运行 scripts/install.sh（或 sudo apt-get install "
        "libreoffice-writer-nogui），或用 Word/WPS 另存为 .docx 后再读取"
    )


def conversion_failed(kind: str, name: str, why: str) -> str:
    return f"无法读取{kind} {name}：LibreOffice 没能把它转换成 .docx（{why}）；文件可能已损坏，请用 Word/WPS 打开后另存为 .docx 再读取"


def conversion_timeout(kind: str, name: str, seconds: int) -> str:
    return f"无法读取{kind} {name}：LibreOffice 转换超过 {seconds} 秒仍未完成，已停止；请用 Word/WPS 另存为 .docx 再读取"


def bad_url(url: str) -> str:
    return f"不是可以下载的网址：{url}（只支持 http:// 和 https://）"


def offline(url: str, why: str) -> str:
    return f"无法下载 {url}：{why}。请检查网络连接和网址；也可以在浏览器中打开后另存为网页（.html）或下载附件再读取"


def http_status(url: str, status: int) -> str:
    return f"无法下载 {url}：服务器返回 HTTP {status}" + ("（页面不存在）" if status == 404 else "")


def download_timeout(url: str, seconds: float) -> str:
    return f"无法下载 {url}：{seconds:g} 秒内没有下载完成（网络不通或服务器无响应）"


def too_large(url: str, limit_mb: int) -> str:
    return f"无法下载 {url}：文件超过 {limit_mb} MB，不像一份年度报告"


def unknown_download(url: str, content_type: str) -> str:
    return f"{url} 下载到的内容类型是 {content_type or '未知'}，不是网页、Word、WPS、PDF 或文本文件"


def downloaded(url: str, path: str) -> str:
    return f"已下载 {url} → {path}"


# --- which file, which type (kit.doccheck.reading, kit.doccheck.sources) --------------------------


def not_found(path: object) -> str:
    """A file or folder named on the command line that is not there."""
    return f"找不到 {path}"


def cannot_read_kind(kind: str, name: str) -> str:
    return f"不能读取{kind}（{name}）：请另存为 .docx、.html 或 .txt 后再检查"


def unsupported_type(suffix: str, name: str) -> str:
    return f"不支持的文件类型 {suffix or '（无扩展名）'}（{name}）：可读取 .txt、.docx、.html、.pdf、.doc、.wps"


def unreadable_file(path: object, why: str) -> str:
    return f"无法读取 {path}：{why}"


UNKNOWN_ENCODING = "文件编码无法识别（不是 UTF-8，也不是 GBK/GB18030）"
NEEDS_PYTHON_DOCX = "读取 .docx 需要 python-docx"


def content_not_kind(name: str, kind: str) -> str:
    return f"{name} 不是有效的{kind}（文件内容与扩展名不符，或文件已损坏）"


def not_a_web_page(name: str, why: str) -> str:
    return f"{name} 不是有效的网页（{why}）"


# the kinds of file LibreOffice converts, as a message names them
KIND_DOC = "Word 97-2003 文档"
KIND_WPS = "WPS 文档"
KIND_RTF = "RTF 文档"
KIND_ODT = "OpenDocument 文档"


def kind_by_suffix(suffix: str) -> str:
    return f"{suffix} 文件"


def exit_code(code: int) -> str:
    return f"退出码 {code}"


# --- downloads (kit.doccheck.fetching, kit.doccheck.sources) ----------------------------------------

HOST_UNKNOWN = "找不到该网站（域名无法解析，可能没有联网）"
CONNECTION_REFUSED = "对方拒绝连接（服务器没有运行或端口不对）"
NETWORK_UNREACHABLE = "网络不可达（没有联网）"
NO_DOWNLOAD_FOLDER = "未指定下载文件夹"
PAGE_NAME = "网页"  # the name of a downloaded page whose address ends without a file name
