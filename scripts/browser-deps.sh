#!/bin/sh
# Installs what the browser tests drive: Debian's Chromium (never a browser a tool downloads itself),
# Java for the Nu HTML checker, and the npm tools (axe-core, vnu-jar) into ./node_modules.
set -eu
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
if [ -n "$need" ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need
fi
if [ -f package.json ] && [ ! -d node_modules ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
