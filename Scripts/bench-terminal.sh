#!/usr/bin/env bash
# Terminal-level measurements of the real podchat binary (release build) in tmux, against the
# built-in simulator on loopback. Prints one line per figure; BENCHMARKS.md records them.
# Usage: Scripts/bench-terminal.sh   (needs tmux, python3; builds podchat in release mode)
#        PODCHAT_BIN=PATH Scripts/bench-terminal.sh   measures that binary instead (say, the one
#        `make install` installed), building nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${PODCHAT_BIN:-}" ]; then
  BIN="$PODCHAT_BIN"
else
  swift build -c release --product podchat >/dev/null
  BIN="$(swift build -c release --show-bin-path)/podchat"
fi
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
    if time.monotonic() - start > 30:
        sys.exit(f"no {marker!r} on the screen after 30 s")
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

# The physical limit: the same job API, /run then /stream polled as fast as the answers come,
# until COMPLETED. Prints the wire time and the requests it took. With $3 = curl, each request is
# a curl process, as a script would fetch it; with keep-alive, one kept-alive connection, as a
# client that polls well can at best (process starts are most of the curl figure).
wire_time() {
  python3 - "$1" "$2" "$3" <<'PY'
import http.client, json, subprocess, sys, time, urllib.parse
url, tokens, how = sys.argv[1], sys.argv[2], sys.argv[3]
body = json.dumps({"input": {"messages": [{"role": "user", "content": f"Go [[sim:tokens={tokens}]]"}],
                             "sampling_params": {"max_tokens": 4096}, "stream": True}})
endpoint = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(endpoint.hostname, endpoint.port)
def fetch(path, data=None):
    if how == "curl":
        post = ["-X", "POST", "-H", "Content-Type: application/json", "-d", data] if data else []
        return json.loads(subprocess.run(["curl", "-s", *post, url + path], capture_output=True, text=True, check=True).stdout)
    connection.request("POST" if data else "GET", endpoint.path + path, data, {"Content-Type": "application/json"})
    return json.loads(connection.getresponse().read())
start = time.monotonic()
job = fetch("/run", body)["id"]
requests = 1
while True:
    answer = fetch("/stream/" + job)
    requests += 1
    if answer.get("status") in ("COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"):
        break
print(round((time.monotonic() - start) * 1000, 1), requests)
PY
}
read -r WIRE_MS WIRE_REQUESTS < <(wire_time "$URL" 2000 curl)
echo "curl_wire_time_2000_tokens_ms $WIRE_MS ($WIRE_REQUESTS requests)"
read -r WIRE_MS WIRE_REQUESTS < <(wire_time "$URL" 2000 keep-alive)
echo "keep_alive_wire_time_2000_tokens_ms $WIRE_MS ($WIRE_REQUESTS requests)"

# Milliseconds from Enter on $2 (typed into session $1) until the finished reply's footer shows:
# "finish stop" (joined by a no-break space), not "tok/s", which a reply that arrives in one
# piece has no rate for.
enter_to_footer() {
  python3 - "$T" "$1" "$2" <<'PY'
import subprocess, sys, time
tmux, session, text = sys.argv[1].split(), sys.argv[2], sys.argv[3]
subprocess.run(tmux + ["send-keys", "-t", session, "-l", text], check=True)
time.sleep(0.3)
start = time.monotonic()
subprocess.run(tmux + ["send-keys", "-t", session, "Enter"], check=True)
while "finish\u00a0stop" not in subprocess.run(tmux + ["capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout:
    if time.monotonic() - start > 120:
        sys.exit("the reply did not finish within 120 s")
    time.sleep(0.002)
print(round((time.monotonic() - start) * 1000, 1))
PY
}

# podchat in session $1 with the arguments that follow, max_tokens raised so long replies are
# not cut.
start_podchat() {
  local session="$1"; shift
  $T new-session -d -s "$session" -x 120 -y 40 "$ENV $BIN $*"
  until $T capture-pane -p -t "$session" | grep -q Sampling; do sleep 0.01; done
  $T send-keys -t "$session" -l "/set max_tokens 4096"; $T send-keys -t "$session" Enter
  until $T capture-pane -p -t "$session" | grep -q "4096"; do sleep 0.01; done
}

# Memory of process $2 ($1 names the mode): the peak resident set, and what is resident now split
# into anonymous memory (heap, stacks: podchat's own) and file pages (the executable and shared
# libraries' code and data, shared with every process that maps them).
memory() {
  awk -v mode="$1" '/^VmHWM/ {hwm = $2} /^RssAnon/ {anon = $2} /^RssFile/ {file = $2}
    END {printf "peak_rss_after_reply_mib[%s] %.1f (now: anon %.1f, file %.1f)\n", mode, hwm / 1024, anon / 1024, file / 1024}' "/proc/$2/status"
}

# A 2,000-token reply streamed as fast as the simulator makes it: Enter to the finished footer.
start_podchat app --endpoint-url "$URL"
echo "enter_to_2000_tokens_on_screen_ms $(enter_to_footer app "Go [[sim:tokens=2000]]")"
PID="$(pgrep -n -f "$BIN --endpoint-url $URL")"
memory configured "$PID"
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

# The same reply in demo mode, whose simulator runs inside podchat: the memory it adds.
start_podchat demo
enter_to_footer demo "Go [[sim:tokens=2000]]" >/dev/null
memory demo "$(pgrep -n -fx "$BIN")"

# 1,000 tokens at 100 tokens per second (a second simulator, 10 ms per token): the time on
# screen against the wire time at the same rate, the CPU podchat used meanwhile, and every byte
# it wrote to the terminal (measured here: a reply that arrives at once is drawn in one frame).
"$BIN" simulate --port 0 --token-delay-ms 10 >"$WORK/sim100.log" &
SIM100=$!
until grep -q "endpoint URL" "$WORK/sim100.log"; do sleep 0.05; done
URL100="$(sed -n 's/.*endpoint URL //p' "$WORK/sim100.log")"
read -r WIRE100_MS WIRE100_REQUESTS < <(wire_time "$URL100" 1000 curl)
echo "curl_wire_time_1000_tokens_at_100_per_s_ms $WIRE100_MS ($WIRE100_REQUESTS requests)"
start_podchat rate --endpoint-url "$URL100"
PID100="$(pgrep -n -f "$BIN --endpoint-url $URL100")"
$T pipe-pane -o -t rate "cat > $WORK/tty-bytes"
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$PID100/stat)
echo "enter_to_1000_tokens_at_100_per_s_on_screen_ms $(enter_to_footer rate "Go [[sim:tokens=1000]]")"
read -r u2 s2 < <(awk '{print $14, $15}' /proc/$PID100/stat)
$T pipe-pane -t rate
echo "terminal_bytes_per_token_at_100_per_s $(( $(stat -c %s "$WORK/tty-bytes") / 1000 ))"
echo "cpu_seconds_streaming_1000_tokens_at_100_per_s $(awk -v t=$(( (u2 + s2) - (u1 + s1) )) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}')"
kill "$SIM100" 2>/dev/null || true
