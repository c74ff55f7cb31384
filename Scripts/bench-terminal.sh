#!/usr/bin/env bash
# Terminal-level measurements of the real podchat binary (release build) in tmux, against the
# built-in simulator on loopback. Prints one line per figure; BENCHMARKS.md records them.
# Usage: Scripts/bench-terminal.sh [streaming-cpu]   (needs tmux, python3, curl, bc, strace)
# Builds podchat in release mode, unless PODCHAT_BIN names the binary to measure (a debug build,
# an older one). With `streaming-cpu`, only the CPU and latency of streaming at 100 tokens/s
# (PODCHAT_BENCH_RUNS runs of each, default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PODCHAT_BIN:-}" ]; then
  swift build -c release --product podchat >/dev/null
  BIN="$(swift build -c release --show-bin-path)/podchat"
else
  BIN="$PODCHAT_BIN"
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

# podchat in session $1 with the arguments that follow, max_tokens raised so long replies are
# not cut.
start_podchat() {
  local session="$1"; shift
  $T new-session -d -s "$session" -x 120 -y 40 "$ENV $BIN $*"
  until $T capture-pane -p -t "$session" | grep -q Sampling; do sleep 0.01; done
  $T send-keys -t "$session" -l "/set max_tokens 4096"; $T send-keys -t "$session" Enter
  until $T capture-pane -p -t "$session" | grep -q "4096"; do sleep 0.01; done
}

# CPU while a 500-token reply streams at 100 tokens/s (a simulator at 10 ms a token), on both
# transports (the job API, and the OpenAI-compatible route the simulator also serves), each run
# in a newly started podchat; then `curl -N … | cat` in the same kind of tmux window, the floor
# for reading the same stream and putting it on a terminal. Cores = CPU seconds (utime + stime
# from /proc, robust to the machine's load) / seconds from Enter to the finished footer.
# Then the delay from a token's arrival to its frame, read from one reply traced by strace:
# each read of the stream's socket to the next write to the terminal (strace slows syscalls
# down, so these are upper bounds).
streaming_cpu() {
  local runs="${1:-3}"
  "$BIN" simulate --port 0 --token-delay-ms 10 >"$WORK/sim-cpu.log" &
  local sim=$!
  until grep -qs "endpoint URL" "$WORK/sim-cpu.log"; do sleep 0.05; done
  local url
  url="$(sed -n 's/.*endpoint URL //p' "$WORK/sim-cpu.log")"
  local transport args pid run
  for transport in job openai; do
    if [ "$transport" = job ]; then args="--endpoint-url $url"; else args="--openai-base-url $url/openai/v1"; fi
    for run in $(seq "$runs"); do
      start_podchat "cpu-$transport-$run" $args
      pid="$(pgrep -n -f "$BIN $args")"
      echo "streaming_500_tokens_at_100_per_s[$transport] $(reply_cpu "cpu-$transport-$run" "$pid") load $(cut -d' ' -f1 /proc/loadavg)"
      $T kill-session -t "cpu-$transport-$run"
    done
  done
  local model
  model="$(curl -s "$url/openai/v1/models" | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0]["id"])')"
  printf '{"model": "%s", "stream": true, "max_tokens": 4096, "messages": [{"role": "user", "content": "Go [[sim:tokens=500]]"}]}' \
    "$model" >"$WORK/curl-body.json"
  for run in $(seq "$runs"); do
    echo "streaming_500_tokens_at_100_per_s[curl|cat] $(curl_cpu "cpu-curl-$run" "$url") load $(cut -d' ' -f1 /proc/loadavg)"
  done
  for transport in job openai; do
    if [ "$transport" = job ]; then args="--endpoint-url $url"; else args="--openai-base-url $url/openai/v1"; fi
    start_podchat "latency-$transport" $args
    pid="$(pgrep -n -f "$BIN $args")"
    echo "token_arrival_to_frame_ms[$transport] $(arrival_to_frame "latency-$transport" "$pid")"
    $T kill-session -t "latency-$transport"
  done
  kill "$sim" 2>/dev/null || true
}

# "CPU_SECONDS in WALL_SECONDS = CORES cores (scheduler: MS ms: loop L, network N, other O;
# loop preempted P times)" for one 500-token reply in session $1 (podchat's pid $2). The first
# figure is in the kernel's 10 ms ticks (utime + stime from /proc/PID/stat, every thread that
# ever ran); the second is the scheduler's own count in nanoseconds
# (/proc/PID/task/*/schedstat), to a microsecond, of the threads alive at the end (a thread
# that ran and ended during the reply would be missed; podchat's do not end), split into the
# loop's thread (the process's first), NIO's network threads and the rest, with how often the
# loop was switched out while it still had work (nonvoluntary_ctxt_switches).
reply_cpu() {
  python3 - "$T" "$1" "$2" <<'PY'
import glob, os, subprocess, sys, time
tmux, session, pid = sys.argv[1].split(), sys.argv[2], sys.argv[3]
def cpu_seconds():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
def scheduled_ns():
    times = {}
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            times[task] = int(open(f"{task}/schedstat").read().split()[0])
        except (OSError, ValueError):
            pass
    return times
def thread_kind(task):
    if os.path.basename(task) == pid:
        return "loop"
    try:
        return "network" if open(f"{task}/comm").read().startswith("NIO-") else "other"
    except OSError:
        return "other"
def loop_preemptions():
    status = open(f"/proc/{pid}/task/{pid}/status").read()
    return int(status.split("nonvoluntary_ctxt_switches:")[1].split()[0])
subprocess.run(tmux + ["send-keys", "-t", session, "-l", "Go [[sim:tokens=500]]"], check=True)
time.sleep(0.3)
before, scheduled_before, preempted_before, start = cpu_seconds(), scheduled_ns(), loop_preemptions(), time.monotonic()
subprocess.run(tmux + ["send-keys", "-t", session, "Enter"], check=True)
while "finish\u00a0stop" not in subprocess.run(tmux + ["capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout:
    if time.monotonic() - start > 60:
        sys.exit("the reply did not finish within 60 s")
    time.sleep(0.05)
cpu, wall = cpu_seconds() - before, time.monotonic() - start
kinds = {"loop": 0.0, "network": 0.0, "other": 0.0}
for task, ns in scheduled_ns().items():
    kinds[thread_kind(task)] += (ns - scheduled_before.get(task, 0)) / 1e6
split = ", ".join(f"{kind} {ms:.1f}" for kind, ms in kinds.items())
print(f"{cpu:.2f} s in {wall:.2f} s = {cpu / wall:.3f} cores (scheduler: {sum(kinds.values()):.1f} ms: {split}; "
      f"loop preempted {loop_preemptions() - preempted_before} times)")
PY
}

# The same for `curl -N … | cat` in a new tmux session $1 against simulator $2: bash's `times`
# gives the CPU of both children.
curl_cpu() {
  rm -f "$WORK/curl-times"
  local start end
  start="$(date +%s.%N)"
  $T new-session -d -s "$1" -x 120 -y 40 "bash -c 'curl -sN -H Content-Type:application/json --data-binary @$WORK/curl-body.json \
    $2/openai/v1/chat/completions | cat; times >$WORK/curl-times.part; mv $WORK/curl-times.part $WORK/curl-times; sleep 600'"
  until [ -f "$WORK/curl-times" ]; do sleep 0.02; done
  end="$(date +%s.%N)"
  $T kill-session -t "$1"
  # The second line holds the children's user and system time: "0m0.012s 0m0.020s".
  sed -n 2p "$WORK/curl-times" | tr 'ms' '  ' | awk -v wall="$(echo "$end - $start" | bc)" \
    '{cpu = $2 + $4; printf "%.2f s in %.2f s = %.3f cores\n", cpu, wall, cpu / wall}'
}

# Median and largest milliseconds from each read of the reply's socket to the next write to the
# terminal (from the first read a frame shows), and from the reply's last read to the last
# frame (the goal's figure: its last token and its end), for one 500-token reply in session $1,
# podchat's pid $2 traced meanwhile. Frames are paced while a reply streams
# (`Mailbox.framePace`), so a frame that shows two tokens shows the first up to a pace late.
arrival_to_frame() {
  $T send-keys -t "$1" -l "Go [[sim:tokens=500]]"
  sleep 0.3
  strace -f --seccomp-bpf -tt -yy -s 4096 -e trace=read,write -o "$WORK/latency.trace" -p "$2" 2>/dev/null &
  local tracer=$!
  sleep 1
  $T send-keys -t "$1" Enter
  until $T capture-pane -p -t "$1" | grep -q "finish.stop"; do sleep 0.05; done
  kill -INT "$tracer"
  wait "$tracer" 2>/dev/null || true
  python3 - "$WORK/latency.trace" <<'PY'
import re, sys
# strace -yy names each descriptor: the stream's socket is TCP, the terminal is descriptor 1.
# A read that carries text has "content" (an OpenAI chunk) or "output" (a job's /stream answer).
line = re.compile(r'^(\d+)\s+(\d+):(\d+):([\d.]+) (read|write)\((\d+)<(.*?)>, "')
arrivals, waiting, latest, last = [], None, None, None
for text in open(sys.argv[1], errors="replace"):
    match = line.match(text)
    if not match:
        continue
    _, hours, minutes, seconds, call, descriptor, path = match.groups()
    at = (int(hours) * 60 + int(minutes)) * 60 + float(seconds)
    if call == "read" and path.startswith("TCP") and ("content" in text or "output" in text):
        waiting = at if waiting is None else waiting
        latest = at
    elif call == "write" and descriptor == "1" and waiting is not None:
        arrivals.append((at - waiting) * 1000)
        last = (at - latest) * 1000
        waiting = None
if not arrivals:
    sys.exit("no reads of the stream followed by a frame in the trace")
arrivals.sort()
print(f"median {arrivals[len(arrivals) // 2]:.2f}, max {arrivals[-1]:.2f}, last token {last:.2f} ({len(arrivals)} frames)")
PY
}

if [ "${1:-}" = streaming-cpu ]; then
  streaming_cpu "${PODCHAT_BENCH_RUNS:-3}"
  exit 0
fi


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

streaming_cpu "${PODCHAT_BENCH_RUNS:-3}"
