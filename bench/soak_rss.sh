#!/usr/bin/env bash
# Memory over time of a real kiosk process (offscreen): RSS every 15 s for DURATION seconds.
# Usage: bench/soak_rss.sh DEVICE [DURATION] [AT]     e.g. bench/soak_rss.sh stadthafen-stele 300 2026-08-07T11:00
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
device="${1:?device}"; duration="${2:-120}"; at="${3:-2026-08-07T11:00}"
QT_QPA_PLATFORM=offscreen XDG_CACHE_HOME="$(mktemp -d)" .venv/bin/kiosk run "$device" --window --offline --at "$at" \
    --exit-after "$duration" > /tmp/soak-"$device".log 2>&1 &
pid=$!
for ((t = 15; t <= duration; t += 15)); do
    sleep 15
    kill -0 "$pid" 2>/dev/null || break
    rss=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
    echo "t=${t}s rss=$((rss / 1024)) MB"
done
wait "$pid"
echo "log lines: $(wc -l < /tmp/soak-"$device".log) (state changes only)"
