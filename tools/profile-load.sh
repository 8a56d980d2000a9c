#!/usr/bin/env bash
# Samples where a load tool's requests spend their time: runs `discord-load` or `slack-load` for one
# long round, traces the bot's round with dotnet-trace (EventPipe thread-time sampling), converts the
# trace to speedscope JSON and prints the breakdown of tools/profile-breakdown.py.
#
#   tools/profile-load.sh OUT discord-load --no-state
#   BENCH=/path/to/StoryBot.Benchmarks.dll tools/profile-load.sh OUT slack-load
#
# Needs dotnet-trace (`dotnet tool install -g dotnet-trace`). The round is 15 s; the trace covers
# 12 s of it, starting 25 s after the per-command samples are printed (3 s warm-up of the
# ceiling, 5 s of the bot, a 15 s ceiling round, then the bot's round).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
shift
bench=${BENCH:-benchmarks/StoryBot.Benchmarks/bin/Release/net10.0/StoryBot.Benchmarks.dll}
export PATH="$PATH:$HOME/.dotnet/tools"

dotnet "$bench" "$@" --seconds 15 --repetitions 1 > "$out.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
    if grep -q "µs per reply\|slack-load:" "$out.log" 2>/dev/null; then break; fi
    sleep 0.5
done
sleep 25
dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time --duration 00:00:00:12 -o "$out.nettrace" > "$out.trace.log" 2>&1
wait "$pid"
dotnet-trace convert --format speedscope "$out.nettrace" -o "$out" > /dev/null
grep -E "^round|over the bot" "$out.log"
python3 tools/profile-breakdown.py "$out.speedscope.json" "$@"
