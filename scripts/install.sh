#!/usr/bin/env bash
# Installs everything the kit needs on a fresh Debian/Ubuntu machine:
#   system packages  fonts-noto-cjk (Chinese fonts for PDFs and charts), fonts-arphic-gkai00mp and
#                    fonts-lxgw-wenkai (楷体 for the PDF's （一） headings), chromium (browser tests),
#                    libreoffice-writer-nogui and libreoffice-calc-nogui (reading .doc/.wps reports,
#                    recalculating Excel forms saved by WPS/LibreOffice), poppler-utils (pdftoppm and
#                    pdffonts, for the paper-layout tests), npm if missing
#   Python packages  a virtual environment in .venv with the kit and its dependencies
#   npm packages     axe-core and TinyMCE 6 in .node/ (the form's accessibility tests, the CMS paste test),
#                    configurable-http-proxy (kit hub's proxy)
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
APT_PACKAGES=(fonts-noto-cjk fonts-arphic-gkai00mp fonts-lxgw-wenkai chromium libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)
VENV=.venv

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v npm >/dev/null 2>&1 || missing+=(npm)  # NodeSource's nodejs ships its own npm
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "安装系统软件包：${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    echo "安装系统软件包（需要管理员密码）：${missing[*]}"
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "提示：无法自动安装系统软件包 ${missing[*]}。" >&2
    echo "  PDF 和图表需要中文字体：Debian/Ubuntu 上运行 sudo apt-get install fonts-noto-cjk；" >&2
    echo "  其他系统请安装 Noto Sans/Serif CJK 字体。浏览器测试需要 chromium（sudo apt-get install chromium）。" >&2
    echo "  读取 .doc/.wps 报告需要 LibreOffice（sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui）。" >&2
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "创建 Python 虚拟环境 $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "安装 Python 软件包（首次约需几分钟）"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e '.[dev]'
  "$VENV/bin/python" -m ipykernel install --sys-prefix --name python3 >/dev/null
  rm -f "$VENV"/.installed-* && touch "$stamp"
fi
# matplotlib indexes the installed fonts on its first import (many seconds with the CJK faces):
# do it once here, not inside the first report's kernel
"$VENV/bin/python" -c "import matplotlib.font_manager" >/dev/null 2>&1 || true
# axe-core (accessibility checks injected into the form's browser tests) and TinyMCE 6 (MIT; the
# rich-text editor the CMS paste test pastes a report into), into the git-ignored .node/
if command -v npm >/dev/null 2>&1; then
  if [ ! -f .node/node_modules/axe-core/axe.min.js ]; then
    echo "安装 axe-core（浏览器测试中的无障碍检查）"
    npm install --prefix .node --no-audit --no-fund --silent axe-core@4 >/dev/null
  fi
  if [ ! -f .node/node_modules/tinymce/tinymce.min.js ]; then
    echo "安装 TinyMCE（测试报告粘贴到网站编辑器）"
    npm install --prefix .node --no-audit --no-fund --silent tinymce@6 >/dev/null
  fi
else
  echo "提示：没有 npm，无法安装 axe-core 和 TinyMCE；表单的无障碍测试和网站编辑器粘贴测试需要它们（sudo apt-get install npm）。" >&2
fi
CHP_VERSION=5.3.0
if [ ! -x .node/node_modules/.bin/configurable-http-proxy ] || ! grep -q "\"version\": \"$CHP_VERSION\"" .node/node_modules/configurable-http-proxy/package.json 2>/dev/null; then
  if command -v npm >/dev/null 2>&1; then
    echo "安装 configurable-http-proxy（kit hub 的代理）到 .node/"
    npm install --prefix .node --no-audit --no-fund --silent "configurable-http-proxy@$CHP_VERSION" >/dev/null
  else
    echo "提示：没有 npm，kit hub 需要的 configurable-http-proxy 未安装（Debian/Ubuntu：sudo apt-get install nodejs npm，然后重新运行本脚本）。" >&2
  fi
fi
echo "安装完成。"
