#!/usr/bin/env bash
# Writes Scripts/podchat.order: the functions podchat runs as it starts, streams a 2,000-token
# reply over the job API and over the OpenAI-compatible route, opens the conversation picker and
# quits, those that ran most first. `make install` links them next to each other, so the pages
# of code podchat touches are few (the kernel maps 64 KiB around each page fault: scattered, the
# same functions kept 4 MiB more resident; BENCHMARKS.md, "Memory of the installed binary").
#
# Run it after changes that rename or add much code: a function the file does not name is only
# placed after those it does, so a stale file costs memory, never correctness.
# Usage: Scripts/order-file.sh   (needs valgrind, tmux, python3, make; builds into .build-order)
set -euo pipefail
cd "$(dirname "$0")/.."
make build SCRATCH=.build-order LINK_FINISH= >/dev/null
WORK="$(mktemp -d)"
T="tmux -L podchat-order-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null || true; kill "${SIM:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
# valgrind cannot read the DWARF swiftc writes; the symbol table is all it needs.
mkdir "$WORK/bin"
strip --strip-debug -o "$WORK/bin/podchat" .build-order/release/podchat
BIN="$WORK/bin/podchat"

"$BIN" simulate --port 0 --token-delay-ms 1 >"$WORK/sim.log" &
SIM=$!
until grep -qs "endpoint URL" "$WORK/sim.log"; do sleep 0.05; done
URL="$(sed -n 's/.*endpoint URL //p' "$WORK/sim.log")"

# Waits (valgrind runs podchat about 50 times slower) until session $1 shows $2.
wait_for() {
  local tries=0
  until $T capture-pane -p -t "$1" | grep -q "$2"; do
    sleep 0.2; tries=$((tries + 1))
    [ "$tries" -lt 1500 ] || { echo "order-file: no '$2' on the screen after 5 minutes" >&2; exit 1; }
  done
}

# One profiled podchat in session $1 with the arguments that follow.
profile() {
  local session="$1"; shift
  $T new-session -d -s "$session" -x 120 -y 40 "env -i LANG=C.UTF-8 TERM=tmux-256color HOME=$WORK \
    XDG_CONFIG_HOME=$WORK XDG_DATA_HOME=$WORK XDG_STATE_HOME=$WORK valgrind --tool=callgrind --demangle=no \
    --callgrind-out-file=$WORK/profile.$session $BIN $* 2>$WORK/valgrind.$session"
  wait_for "$session" Sampling
  $T send-keys -t "$session" -l "/set max_tokens 4096"; $T send-keys -t "$session" Enter
  wait_for "$session" 4096
  $T send-keys -t "$session" -l "Go [[sim:tokens=2000]]"; sleep 0.5; $T send-keys -t "$session" Enter
  wait_for "$session" "finish.stop"
  $T send-keys -t "$session" C-o; sleep 3; $T send-keys -t "$session" Escape; sleep 1
  $T send-keys -t "$session" C-q
  while $T has-session -t "$session" 2>/dev/null; do sleep 0.5; done
  [ -s "$WORK/profile.$session" ] || { echo "order-file: valgrind wrote no profile for $session" >&2; exit 1; }
}
profile job --endpoint-url "$URL"
profile openai --openai-base-url "$URL/openai/v1"

# Every function with a cost in either profile, most instructions first, if the binary defines it.
nm --defined-only .build-order/release/podchat | awk '{print $3}' >"$WORK/defined"
python3 - "$WORK/defined" "$WORK"/profile.* >Scripts/podchat.order <<'PY'
import collections, re, sys
defined = set(open(sys.argv[1]).read().split())
cost = collections.Counter()
for path in sys.argv[2:]:
    names, current = {}, None
    for line in open(path, errors="replace"):
        match = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if match:
            kind, ident, name = match.groups()
            if name:
                names[ident] = re.sub(r"'\d+$", "", name)  # callgrind's recursion marks
            if kind == "fn":
                current = names.get(ident)
                cost[current] += 0
        elif current and line[:1] in "0123456789+-*":
            fields = line.split()
            if len(fields) >= 2 and fields[1].isdigit():
                cost[current] += int(fields[1])
for name, _ in cost.most_common():
    if name in defined:
        print(name)
PY
echo "order-file: $(wc -l <Scripts/podchat.order) functions in Scripts/podchat.order"
