#!/usr/bin/env bash
# Regenerates the README pictures with `kiosk preview` at fixed instants, so they change only when the
# content or the rendering changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p docs/img
shoot() {  # device instant name [preview options: --page, --panel, --lang, --large-text, --high-contrast]
    echo "==> $1 at $2 ${*:4}"
    .venv/bin/kiosk preview "$1" --root . --at "$2" --out "docs/img/$3.png" "${@:4}" | sed 's/^/    /'
    # half size keeps the repository small; the picture is for reading, not for pixel checks
    .venv/bin/python - "docs/img/$3.png" <<'PY'
import sys
from PIL import Image
path = sys.argv[1]
img = Image.open(path)
img.resize((img.width // 2, img.height // 2), Image.Resampling.LANCZOS).save(path, optimize=True)
PY
}
shoot stadthafen-stele 2026-08-07T11:00 stadthafen-stele
shoot sporthalle-schmarl 2026-12-16T18:30 sporthalle-schmarl
# a passer-by's session on the stele: the home page, a detail page, the accessibility panel, and
# Leichte Sprache with large text and high contrast
shoot stadthafen-stele 2025-10-18T14:30 session-home --page start
shoot stadthafen-stele 2025-10-18T14:30 session-detail --page sporthallen
shoot stadthafen-stele 2025-10-18T14:30 session-panel --panel --lang en
shoot stadthafen-stele 2025-10-18T14:30 session-large --page start --lang ls --large-text --high-contrast
