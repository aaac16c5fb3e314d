#!/usr/bin/env bash
# The preview and VS Code for the Web tests run in a real headless Chromium: Debian's package
# (the npm registry's Playwright cannot download its own browser on these machines). Installs it
# when it is missing; does nothing when it is there.
set -euo pipefail
CHROMIUM=/usr/lib/chromium/chromium
[ -x "$CHROMIUM" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "kto: the browser tests need Chromium at $CHROMIUM, and there is no apt-get here to install it" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "kto: the browser tests need Chromium; run as root or install the Debian package 'chromium'" >&2
    exit 1
  fi
fi
echo "kto: installing Debian's chromium for the browser tests" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "kto: chromium installed but $CHROMIUM is missing" >&2; exit 1; }
