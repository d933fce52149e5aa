#!/bin/sh
# Installs what the browser tests drive: Debian's Chromium (never a browser a tool downloads itself),
# Java for the Nu HTML checker, Node.js + npm, and the npm tools pinned in package-lock.json
# (axe-core, vnu-jar, lighthouse) into ./node_modules.
#
# `npm ci --ignore-scripts`: the only install script in the tree is vnu-jar's, which would fetch a Java
# runtime from GitHub when none is found; Java comes from apt here, and vnu.jar itself ships in the tarball.
# No package in the lock downloads a browser (lighthouse uses puppeteer-core + chrome-launcher, which
# drive CHROME_PATH=/usr/bin/chromium).
set -eu
cd "$(dirname "$0")/.."

need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
command -v npm >/dev/null 2>&1 || need="$need nodejs npm"
if [ -n "$need" ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
fi

# (Re)install when node_modules is missing or older than the lock file.
if [ -f package-lock.json ]; then
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    fi
fi

# Debian's Noto fonts (fonts-noto-core), unpacked into .cache/fonts/noto and not installed: the
# link-preview image tests draw claims in Ethiopic, Canadian syllabics and other scripts with them,
# while Chromium keeps the system's fonts (installed, they would change how every page of the
# browser tests is laid out).
if [ ! -f .cache/fonts/noto/NotoSansEthiopic-Regular.ttf ]; then
    tmp=$(mktemp -d)
    if ! (cd "$tmp" && apt-get download -qq fonts-noto-core 2>/dev/null); then
        if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
        $SUDO apt-get update -qq
        (cd "$tmp" && apt-get download -qq fonts-noto-core)
    fi
    dpkg-deb -x "$tmp"/fonts-noto-core_*.deb "$tmp/unpacked"
    mkdir -p .cache/fonts
    rm -rf .cache/fonts/noto
    mv "$tmp/unpacked/usr/share/fonts/truetype/noto" .cache/fonts/noto
    rm -rf "$tmp"
fi

# Debian's Noto CJK fonts (fonts-noto-cjk) the same way, into .cache/fonts/noto-cjk: the link-preview
# image test checks that Chinese and Korean claims are drawn with their own faces of the collection.
if [ ! -f .cache/fonts/noto-cjk/NotoSansCJK-Regular.ttc ]; then
    tmp=$(mktemp -d)
    if ! (cd "$tmp" && apt-get download -qq fonts-noto-cjk 2>/dev/null); then
        if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
        $SUDO apt-get update -qq
        (cd "$tmp" && apt-get download -qq fonts-noto-cjk)
    fi
    dpkg-deb -x "$tmp"/fonts-noto-cjk_*.deb "$tmp/unpacked"
    mkdir -p .cache/fonts/noto-cjk
    mv "$tmp"/unpacked/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc .cache/fonts/noto-cjk/
    rm -rf "$tmp"
fi
