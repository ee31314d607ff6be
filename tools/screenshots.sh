#!/usr/bin/env bash
# Regenerates the README pictures: one screenshot of every shipped device, rendered offscreen.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p docs/img
for file in device-config/*.yaml; do
    device="$(basename "$file" .yaml)"
    echo "==> $device"
    QT_QPA_PLATFORM=offscreen .venv/bin/kiosk run "$device" --root . --window --exit-after 3 \
        --screenshot "docs/img/$device.png" >/dev/null
    # half size keeps the repository small; the picture is for reading, not for pixel checks
    .venv/bin/python - "docs/img/$device.png" <<'PY'
import sys
from PIL import Image
path = sys.argv[1]
img = Image.open(path)
img.resize((img.width // 2, img.height // 2), Image.Resampling.LANCZOS).save(path, optimize=True)
PY
    echo "    docs/img/$device.png"
done
