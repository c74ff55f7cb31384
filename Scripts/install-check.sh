#!/usr/bin/env bash
# CI's install test: `make install` into a temporary PREFIX from this clone, then the installed
# podchat runs with the Swift toolchain out of reach (an empty tmpfs over it in a private mount
# namespace, so this needs root): `--version`, `ask` against the simulator (run from the
# installed binary too), and the chat window in tmux, a message sent, its reply seen, Ctrl-Q.
# `ldd` of the installed binary must name no Swift runtime library; what it links is printed.
# Usage: Scripts/install-check.sh   (needs root, unshare, tmux, make and the toolchain to build)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "install-check: $*" >&2
    exit 1
}

# The part inside the namespace: $1 the installed binary, $2 the toolchain directory hidden,
# $3 the commit --version must name.
# $tmux is the private tmux server's command, also used by the exit trap.
run_hidden() {
    local bin="$1" toolchain="$2" commit="$3"
    mount -t tmpfs tmpfs "$toolchain"
    ! command -v swift >/dev/null && [ -z "$(ls -A "$toolchain")" ] || fail "the toolchain at $toolchain is still reachable"
    echo "install-check: $toolchain is hidden; swift is not on PATH"
    work="$(mktemp -d)"
    trap '$tmux kill-server 2>/dev/null || true; kill "${simulator:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
    local environment="env -i LANG=C.UTF-8 TERM=tmux-256color HOME=$work XDG_CONFIG_HOME=$work XDG_DATA_HOME=$work"

    "$bin" --version | grep -qxE "podchat [0-9]+\.[0-9]+\.[0-9]+ \($commit\)" || fail "--version printed: $("$bin" --version)"
    echo "install-check: --version: $("$bin" --version)"

    $environment "$bin" simulate --port 0 --token-delay-ms 1 >"$work/simulator.log" 2>&1 &
    simulator=$!
    for _ in $(seq 200); do grep -q "endpoint URL" "$work/simulator.log" && break; sleep 0.05; done
    local url
    url="$(sed -n 's/.*endpoint URL //p' "$work/simulator.log")"
    [ -n "$url" ] || fail "the installed simulator printed no endpoint URL: $(cat "$work/simulator.log")"

    local answer
    answer="$($environment "$bin" ask --endpoint-url "$url" "Hello from the installed podchat")" || fail "ask failed"
    grep -q "Hello from the installed podchat" <<<"$answer" || fail "ask printed: $answer"
    echo "install-check: ask answered ($(wc -c <<<"$answer") bytes)"

    $tmux new-session -d -s chat -x 120 -y 40 "$environment $bin --endpoint-url $url"
    wait_for_screen "Ctrl-Q quit" "the chat window's status bar"
    $tmux send-keys -t chat -l "Typed into the installed chat window"
    $tmux send-keys -t chat Enter
    wait_for_screen "finish"$'\u00a0'"stop" "the reply's footer"
    $tmux capture-pane -p -t chat | grep -q "Typed into the installed chat window" || fail "the message is not on the screen"
    $tmux send-keys -t chat C-q
    for _ in $(seq 100); do $tmux has-session -t chat 2>/dev/null || break; sleep 0.05; done
    ! $tmux has-session -t chat 2>/dev/null || fail "Ctrl-Q did not quit the chat window"
    echo "install-check: the chat window showed the reply and quit on Ctrl-Q"
}

# Waits up to 20 s for the chat session's screen to contain $1 (called $2 in the failure).
wait_for_screen() {
    for _ in $(seq 400); do
        $tmux capture-pane -p -t chat 2>/dev/null | grep -qF "$1" && return 0
        sleep 0.05
    done
    $tmux capture-pane -p -t chat >&2 || true
    fail "no $2 on the screen after 20 s"
}

if [ "${1:-}" = "--hidden" ]; then
    tmux="tmux -L podchat-install-$$ -f /dev/null"
    run_hidden "$2" "$3" "$4"
    exit 0
fi

[ "$(id -u)" = 0 ] || fail "needs root, for a mount namespace that hides the toolchain"
toolchain="$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
started=$SECONDS
make install PREFIX="$prefix"
echo "install-check: make install took $((SECONDS - started)) s"
bin="$prefix/bin/podchat"
for file in bin/podchat share/bash-completion/completions/podchat share/zsh/site-functions/_podchat \
    share/fish/vendor_completions.d/podchat.fish share/man/man1/podchat.1 share/podchat/install-manifest; do
    [ -s "$prefix/$file" ] || fail "make install wrote no $file"
done
echo "install-check: the installed binary ($(stat -c %s "$bin") bytes) links:"
ldd "$bin"
if ldd "$bin" | grep -E "swift|Foundation|dispatch|BlocksRuntime|$toolchain"; then
    fail "the installed binary links the Swift runtime dynamically (above)"
fi
# What the build must have baked in: unknown only where git cannot read this clone.
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
unshare --mount --propagation private "$0" --hidden "$bin" "$toolchain" "$commit"
make uninstall PREFIX="$prefix"
[ -z "$(find "$prefix" -type f)" ] || fail "make uninstall left: $(find "$prefix" -type f)"
echo "install-check: passed in $((SECONDS - started)) s"
