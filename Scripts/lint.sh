#!/usr/bin/env bash
# The house style, checked by the toolchain's own `swift format` against .swift-format: exits
# non-zero on any finding, so CI fails on it. Fix a file with
# `swift format format -i PATH` (then read the diff), or by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

# The shape ARCHITECTURE.md promises: the state never calls a view; the layout values state
# and widgets share live in Sources/PodchatApp/Layout.
if views="$(grep -nE '\b[A-Z][A-Za-z]*View\b' Sources/PodchatApp/State/*.swift)"; then
    echo "$views" >&2
    echo "lint: Sources/PodchatApp/State calls a view above; share the measurement through Sources/PodchatApp/Layout" >&2
    exit 1
fi

findings="$(mktemp)"
trap 'rm -f "$findings"' EXIT
if swift format lint --strict --recursive --parallel --no-color-diagnostics \
    --configuration .swift-format Sources Tests Package.swift 2>"$findings"; then
    exit 0
fi
# Some rules report one finding more than once.
sort -u "$findings" >&2
echo "lint: $(sort -u "$findings" | grep -c ': error: ') swift-format finding(s) above (config: .swift-format)" >&2
exit 1
