#!/usr/bin/env bash
# Terminal-level measurements of the real podchat binary (release build) in tmux, against the
# built-in simulator on loopback. Prints one line per figure; BENCHMARKS.md records them.
# Usage: Scripts/bench-terminal.sh   (needs tmux, python3; builds podchat in release mode)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product podchat >/dev/null
BIN="$(swift build -c release --show-bin-path)/podchat"
WORK="$(mktemp -d)"
T="tmux -L podchat-bench-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null || true; sleep 0.5; kill "${SIM:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$BIN" simulate --port 0 --token-delay-ms 0 >"$WORK/sim.log" &
SIM=$!
until grep -q "endpoint URL" "$WORK/sim.log"; do sleep 0.05; done
URL="$(sed -n 's/.*endpoint URL //p' "$WORK/sim.log")"
ENV="env -i LANG=C.UTF-8 TERM=tmux-256color HOME=$WORK XDG_CONFIG_HOME=$WORK XDG_DATA_HOME=$WORK"

# A running tmux server, so start-up figures do not include starting tmux.
$T new-session -d -s warm -x 120 -y 40 'sleep 600'

# Milliseconds from starting $1 in a new tmux session until the screen contains $2.
time_to_screen() {
  python3 - "$T" "$1" "$2" <<'PY'
import subprocess, sys, time
tmux, command, marker = sys.argv[1].split(), sys.argv[2], sys.argv[3]
start = time.monotonic()
subprocess.run(tmux + ["new-session", "-d", "-s", "start", "-x", "120", "-y", "40", command], check=True)
while marker not in subprocess.run(tmux + ["capture-pane", "-p", "-t", "start"], capture_output=True, text=True).stdout:
    time.sleep(0.002)
print(round((time.monotonic() - start) * 1000, 1))
subprocess.run(tmux + ["kill-session", "-t", "start"], check=True)
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for mode in demo configured; do
  args=""; [ "$mode" = configured ] && args="--endpoint-url $URL"
  for _ in 1 2 3 4 5; do time_to_screen "$ENV $BIN $args" "Sampling"; done | median | sed "s/^/startup_to_first_frame_ms[$mode] /"
done

# The physical limit: the same job API fetched with curl, /run then /stream polled as fast as
# the answers come, until COMPLETED. Prints the wire time and the requests it took.
wire_time() {
  python3 - "$1" "$2" <<'PY'
import json, subprocess, sys, time
url, tokens = sys.argv[1], sys.argv[2]
body = json.dumps({"input": {"messages": [{"role": "user", "content": f"Go [[sim:tokens={tokens}]]"}],
                             "sampling_params": {"max_tokens": 4096}, "stream": True}})
def curl(*args):
    return json.loads(subprocess.run(["curl", "-s", *args], capture_output=True, text=True, check=True).stdout)
start = time.monotonic()
job = curl("-X", "POST", "-H", "Content-Type: application/json", "-d", body, url + "/run")["id"]
requests = 1
while True:
    answer = curl(url + "/stream/" + job)
    requests += 1
    if answer.get("status") in ("COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"):
        break
print(round((time.monotonic() - start) * 1000, 1), requests)
PY
}
read -r WIRE_MS WIRE_REQUESTS < <(wire_time "$URL" 2000)
echo "curl_wire_time_2000_tokens_ms $WIRE_MS ($WIRE_REQUESTS requests)"

# Milliseconds from Enter on $2 (typed into session $1) until the finished footer shows.
enter_to_footer() {
  python3 - "$T" "$1" "$2" <<'PY'
import subprocess, sys, time
tmux, session, text = sys.argv[1].split(), sys.argv[2], sys.argv[3]
subprocess.run(tmux + ["send-keys", "-t", session, "-l", text], check=True)
time.sleep(0.3)
start = time.monotonic()
subprocess.run(tmux + ["send-keys", "-t", session, "Enter"], check=True)
while "tok/s" not in subprocess.run(tmux + ["capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout:
    time.sleep(0.002)
print(round((time.monotonic() - start) * 1000, 1))
PY
}

# podchat in session $1 against $2, max_tokens raised so long replies are not cut.
start_podchat() {
  $T new-session -d -s "$1" -x 120 -y 40 "$ENV $BIN --endpoint-url $2"
  until $T capture-pane -p -t "$1" | grep -q Sampling; do sleep 0.01; done
  $T send-keys -t "$1" -l "/set max_tokens 4096"; $T send-keys -t "$1" Enter
  until $T capture-pane -p -t "$1" | grep -q "4096"; do sleep 0.01; done
}

# A 2,000-token reply streamed as fast as the simulator makes it: Enter to the finished footer,
# and every byte podchat wrote to the terminal meanwhile.
start_podchat app "$URL"
$T pipe-pane -o -t app "cat > $WORK/tty-bytes"
echo "enter_to_2000_tokens_on_screen_ms $(enter_to_footer app "Go [[sim:tokens=2000]]")"
$T pipe-pane -t app
echo "terminal_bytes_per_token $(( $(stat -c %s "$WORK/tty-bytes") / 2000 ))"
PID="$(pgrep -n -f "$BIN --endpoint-url $URL")"
echo "peak_rss_after_reply_mib $(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$PID/status)"
# Idle CPU: clock ticks used in 5 s of doing nothing.
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$PID/stat)
sleep 5
read -r u2 s2 < <(awk '{print $14, $15}' /proc/$PID/stat)
echo "idle_cpu_ticks_in_5s $(( (u2 + s2) - (u1 + s1) )) (of $(( 5 * $(getconf CLK_TCK) )))"

# The same 2,000 tokens through `podchat ask` (same client, no terminal), for comparison.
python3 - "$BIN" "$URL" "$WORK" <<'PY'
import subprocess, sys, time
binary, url, home = sys.argv[1:]
env = {"LANG": "C.UTF-8", "HOME": home, "XDG_CONFIG_HOME": home, "PATH": "/usr/bin:/bin"}
start = time.monotonic()
subprocess.run([binary, "ask", "--endpoint-url", url, "--set", "max_tokens=4096", "Go [[sim:tokens=2000]]"], env=env, check=True, stdout=subprocess.DEVNULL)
print("ask_2000_tokens_total_ms", round((time.monotonic() - start) * 1000, 1))
PY

# 1,000 tokens at 100 tokens per second (a second simulator, 10 ms per token): the time on
# screen against the wire time at the same rate, and the CPU podchat used meanwhile.
"$BIN" simulate --port 0 --token-delay-ms 10 >"$WORK/sim100.log" &
SIM100=$!
until grep -q "endpoint URL" "$WORK/sim100.log"; do sleep 0.05; done
URL100="$(sed -n 's/.*endpoint URL //p' "$WORK/sim100.log")"
read -r WIRE100_MS WIRE100_REQUESTS < <(wire_time "$URL100" 1000)
echo "curl_wire_time_1000_tokens_at_100_per_s_ms $WIRE100_MS ($WIRE100_REQUESTS requests)"
start_podchat rate "$URL100"
PID100="$(pgrep -n -f "$BIN --endpoint-url $URL100")"
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$PID100/stat)
echo "enter_to_1000_tokens_at_100_per_s_on_screen_ms $(enter_to_footer rate "Go [[sim:tokens=1000]]")"
read -r u2 s2 < <(awk '{print $14, $15}' /proc/$PID100/stat)
echo "cpu_seconds_streaming_1000_tokens_at_100_per_s $(awk -v t=$(( (u2 + s2) - (u1 + s1) )) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}')"
kill "$SIM100" 2>/dev/null || true
