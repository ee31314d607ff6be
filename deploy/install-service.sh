#!/usr/bin/env bash
# The kiosk session for one device (called by `install.sh --service DEVICE`; see docs/deployment.md):
#   a system user, this machine's device setting, the systemd unit (cage on tty1), enabled at boot.
#
#   deploy/install-service.sh DEVICE [--x11] [--destdir DIR]
#
# The content played is this checkout, or KIOSK_CONTENT=/path/to/content-checkout (a separate git
# repository of the city's editor files) when that is set.
#
# Idempotent: every step checks first and says "unchanged" when its work is done. With --destdir every
# file goes under DIR and every system command is printed, not run (a dry run for tests and reviews).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
device=""
destdir=""
template=smile-city-kiosk.service
while [ $# -gt 0 ]; do
    case "$1" in
        --destdir) destdir="${2:?--destdir needs a folder}"; shift 2 ;;
        --destdir=*) destdir="${1#--destdir=}"; shift ;;
        --x11) template=smile-city-kiosk-x11.service; shift ;;
        -*) echo "install-service.sh: unknown option '$1'" >&2; exit 2 ;;
        *) device="$1"; shift ;;
    esac
done
[ -n "$device" ] || { echo "install-service.sh: which device? e.g. --service stadthafen-stele" >&2; exit 2; }

KIOSK_USER="${KIOSK_USER:-kiosk}"
UNIT=smile-city-kiosk.service
SETTING=/etc/smile-city-touchpoint/device
STATE=/var/lib/smile-city-touchpoint

step() { printf '\n==> %s\n' "$*"; }
die() { printf '\ninstall.sh --service: %s\n' "$*" >&2; exit 1; }
# a system command: run it, or in a dry run say what would run
act() {
    if [ -n "$destdir" ]; then
        echo "    would run: $*"
    else
        echo "    running: $*"
        "$@"
    fi
}
# write FILE (a path on the target system) from stdin if its content differs; mode MODE
put() {
    local target="$destdir$1" mode="$2" new
    new="$(mktemp)"
    cat >"$new"
    if [ -f "$target" ] && cmp -s "$new" "$target"; then
        echo "    $1 unchanged"
        rm -f "$new"
        return 1
    fi
    mkdir -p "$(dirname "$target")"
    install -m "$mode" "$new" "$target"
    rm -f "$new"
    echo "    wrote $1"
    return 0
}

# --- the device --------------------------------------------------------------------------------
content="$(cd "${KIOSK_CONTENT:-$here}" && pwd)"
step "Device $device"
[ -f "$content/device-config/$device.yaml" ] || {
    known="$(cd "$content/device-config" 2>/dev/null && ls -1 ./*.yaml 2>/dev/null | sed 's#^\./##; s#\.yaml$##' | tr '\n' ' ')"
    die "no device-config/$device.yaml in $content; devices: ${known:-none}"
}
kiosk="$here/.venv/bin/kiosk"
if [ -z "$destdir" ]; then
    [ -x "$kiosk" ] || die "$kiosk is missing: run ./install.sh first."
    "$kiosk" validate "$content" --quiet >/dev/null \
        || die "the content does not validate; run '$kiosk validate $content'."
fi
# screen.rotation → cage -r (once per 90°); read with the kiosk's own YAML library when it is installed
rotation=0
py="$here/.venv/bin/python"
[ -x "$py" ] || py="${PYTHON:-python3}"
rotation="$("$py" - "$content/device-config/$device.yaml" <<'PY' 2>/dev/null || echo 0
import sys
try:
    import yaml
    data = yaml.safe_load(open(sys.argv[1], encoding="utf-8")) or {}
    print(int((data.get("screen") or {}).get("rotation") or 0))
except Exception:
    print(0)
PY
)"
cage_rotate=""
for _ in $(seq 1 $(( (rotation % 360) / 90 ))); do cage_rotate+="-r "; done
if [ "$template" = smile-city-kiosk.service ]; then
    echo "    content $content, screen rotation ${rotation}° (cage ${cage_rotate:-without -r})"
else
    echo "    content $content, screen rotation ${rotation}° (X11: the kiosk turns it with xrandr)"
fi

# --- the user ----------------------------------------------------------------------------------
step "System user '$KIOSK_USER' (no login, no password, home $STATE)"
groups=()
for g in video render input audio; do
    getent group "$g" >/dev/null 2>&1 && groups+=("$g")
done
if id "$KIOSK_USER" >/dev/null 2>&1; then
    echo "    exists ($(id "$KIOSK_USER"))"
    for g in "${groups[@]}"; do
        id -nG "$KIOSK_USER" | tr ' ' '\n' | grep -qx "$g" || act usermod -a -G "$g" "$KIOSK_USER"
    done
else
    act useradd --system --user-group --home-dir "$STATE" --no-create-home --shell /usr/sbin/nologin \
        --comment "Smile City Touchpoint kiosk" --groups "$(IFS=,; echo "${groups[*]}")" "$KIOSK_USER"
fi
uid="$(id -u "$KIOSK_USER" 2>/dev/null || echo 999)"

# --- this machine's device ---------------------------------------------------------------------
step "This machine's device: $SETTING"
printf '# Which device this machine plays (written by install.sh --service; kiosk run reads it).\n%s\n' \
    "$device" | put "$SETTING" 0644 || true

# --- the unit ----------------------------------------------------------------------------------
step "systemd unit /etc/systemd/system/$UNIT (from deploy/$template)"
unit_changed=0
sed -e "s#@ROOT@#$here#g" -e "s#@CONTENT@#$content#g" -e "s#@KIOSK@#$kiosk#g" \
    -e "s#@USER@#$KIOSK_USER#g" -e "s#@UID@#$uid#g" -e "s#@GROUPS@#${groups[*]}#g" \
    -e "s#@CAGE_ROTATE@#$cage_rotate#g" "$here/deploy/$template" \
    | put "/etc/systemd/system/$UNIT" 0644 && unit_changed=1
if command -v systemd-analyze >/dev/null 2>&1 && [ -z "$destdir" ]; then
    systemd-analyze verify "/etc/systemd/system/$UNIT" || die "systemd-analyze verify found problems (above)."
fi
[ "$unit_changed" = 1 ] && act systemctl daemon-reload

# --- at boot -----------------------------------------------------------------------------------
step "Start at boot on tty1"
if [ -z "$destdir" ] && systemctl is-enabled --quiet "$UNIT" 2>/dev/null; then
    echo "    $UNIT already enabled"
else
    act systemctl enable "$UNIT"
fi
if [ -z "$destdir" ] && [ "$(systemctl get-default)" = graphical.target ]; then
    echo "    default target is graphical.target"
else
    act systemctl set-default graphical.target
fi
if [ -z "$destdir" ] && ! systemctl is-enabled --quiet getty@tty1.service 2>/dev/null; then
    echo "    getty@tty1 already off (the console is the kiosk's)"
else
    act systemctl disable getty@tty1.service
fi

step "Done"
if [ -z "$destdir" ] && systemctl is-active --quiet "$UNIT"; then
    [ "$unit_changed" = 1 ] && act systemctl restart "$UNIT"
    echo "    running; logs: journalctl -u $UNIT -f"
else
    echo "    start now:  sudo systemctl start $UNIT   (or reboot)"
    echo "    logs:       journalctl -u $UNIT -f"
fi
