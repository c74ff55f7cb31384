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

# A 2,000-token reply streamed as fast as the simulator makes it: Enter to the finished footer.
$T new-session -d -s app -x 120 -y 40 "$ENV $BIN --endpoint-url $URL"
until $T capture-pane -p -t app | grep -q Sampling; do sleep 0.01; done
$T send-keys -t app -l "/set max_tokens 4096"; $T send-keys -t app Enter
until $T capture-pane -p -t app | grep -q "4096"; do sleep 0.01; done
$T send-keys -t app -l "Go [[sim:tokens=2000]]"
python3 - "$T" <<'PY'
import subprocess, sys, time
tmux = sys.argv[1].split()
start = time.monotonic()
subprocess.run(tmux + ["send-keys", "-t", "app", "Enter"], check=True)
while "tok/s" not in subprocess.run(tmux + ["capture-pane", "-p", "-t", "app"], capture_output=True, text=True).stdout:
    time.sleep(0.002)
print("enter_to_2000_tokens_on_screen_ms", round((time.monotonic() - start) * 1000, 1))
PY
PID="$(pgrep -n -f "$BIN --endpoint-url")"
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
