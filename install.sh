#!/usr/bin/env bash
# Smile City Touchpoint installer: system packages, virtualenv, the kiosk package.
#
#   ./install.sh          runtime for a device or the demo
#   ./install.sh --dev    runtime + what the tests need (xvfb, pytest, ruff, mypy, ...)
#   ./install.sh --service DEVICE
#                         runtime + the kiosk session of a device: user 'kiosk', cage on tty1, the
#                         systemd unit smile-city-kiosk.service, /etc/smile-city-touchpoint/device
#                         (docs/deployment.md); --x11: a bare Xorg instead of cage (boards whose
#                         Wayland stack is not ready); with --destdir DIR a dry run: files under DIR,
#                         system commands printed, no packages, no virtualenv
#
# Idempotent: every step checks first and does nothing when its work is already done.
# Supported: Debian 12 (bookworm) or newer, Raspberry Pi OS (bookworm) or newer.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

dev=0
force=0
service=""
destdir=""
x11=""
while [ $# -gt 0 ]; do
    arg="$1"; shift
    case "$arg" in
        --dev) dev=1 ;;
        --x11) x11="--x11" ;;
        --force-unsupported) force=1 ;;
        --service) service="${1:-}"; [ -n "$service" ] || { echo "install.sh: --service needs a device name" >&2; exit 2; }; shift ;;
        --service=*) service="${arg#--service=}" ;;
        --destdir) destdir="${1:-}"; [ -n "$destdir" ] || { echo "install.sh: --destdir needs a folder" >&2; exit 2; }; shift ;;
        --destdir=*) destdir="${arg#--destdir=}" ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
    esac
done
if [ -n "$destdir" ] && [ -z "$service" ]; then
    echo "install.sh: --destdir is a dry run of --service DEVICE" >&2; exit 2
fi
if [ -n "$destdir" ]; then  # a dry run touches nothing of this machine: only the service's files, in DIR
    step() { printf '\n==> %s\n' "$*"; }
    step "Dry run into $destdir: system packages, virtualenv and Python packages are left alone"
    exec "$here/deploy/install-service.sh" "$service" $x11 --destdir "$destdir"
fi

step() { printf '\n==> %s\n' "$*"; }
die() { printf '\ninstall.sh: %s\n' "$*" >&2; exit 1; }
log="$(mktemp -t kiosk-install.XXXXXX)"
trap 'rm -f "$log"' EXIT
# Run a noisy command quietly; on failure show its last lines, then stop with a message.
quiet() {
    local what="$1"; shift
    if ! "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "$what failed (output above)."
    fi
}

# --- 1. system check ------------------------------------------------------------------------
step "Checking the system"
[ -r /etc/os-release ] || die "cannot read /etc/os-release; this installer supports Debian 12+ and Raspberry Pi OS only."
# shellcheck disable=SC1091
. /etc/os-release
os_id="${ID:-unknown}"
os_like="${ID_LIKE:-}"
os_ver="${VERSION_ID:-0}"
case "$os_id" in
    debian|raspbian) ;;
    *) if [ "$force" = 1 ] && [[ " $os_like " == *" debian "* ]]; then
           echo "    $PRETTY_NAME is not tested; continuing because of --force-unsupported"
       else
           die "unsupported system '$PRETTY_NAME'. Supported: Debian 12+ and Raspberry Pi OS (bookworm+).
           (Debian derivatives may work with --force-unsupported.)"
       fi ;;
esac
if [ "$os_id" != "unknown" ] && [ "${os_ver%%.*}" -lt 12 ] 2>/dev/null; then
    die "$PRETTY_NAME is too old: Debian 12 (bookworm) or newer is needed (Qt 6 wheels need glibc >= 2.34)."
fi
echo "    $PRETTY_NAME on $(uname -m)"

if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    die "run as root or install sudo: system packages must be installed with apt-get."
fi

# --- 2. system packages ---------------------------------------------------------------------
# The measured minimal set (../shared/PLATFORM-FACTS.md): Qt widgets offscreen, WebEngine, the xcb
# plugin for a real X server, PulseAudio client for QtMultimedia, espeak-ng for speech, and fonts
# that cover German and the other European languages the content may use.
pkgs=(
    libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
    libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libasound2 libxkbfile1
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
    libxcb-xkb1 libxkbcommon-x11-0
    libpulse0 libespeak-ng1 espeak-ng alsa-utils x11-xserver-utils
    fonts-dejavu-core fonts-noto-core
    python3 python3-venv ca-certificates
)
if [ -n "$service" ] && [ -n "$x11" ]; then
    # the X11 kiosk session: a bare X server with the libinput driver, xinit, and xset/xrandr
    # (x11-xserver-utils: xset switches the panel off outside opening hours through DPMS)
    pkgs+=(xserver-xorg-core xserver-xorg-input-libinput xinit x11-xserver-utils)
elif [ -n "$service" ]; then
    # the kiosk session: cage, the Wayland kiosk compositor (Debian's cage 0.1.4 needs Xwayland), and
    # Qt's Wayland platform needs libwayland-cursor/egl from the system; wlr-randr switches the panel off
    # outside opening hours where the compositor offers output management (cage 0.1.4 does not: black)
    pkgs+=(cage xwayland libwayland-client0 libwayland-cursor0 libwayland-egl1 wlr-randr)
fi
if [ "$dev" = 1 ]; then
    # the field tests: a real X server, real input events (XTest), pictures of the root window
    pkgs+=(xvfb xauth xdotool x11-apps x11-utils sox git openbox)  # openbox: the lockdown field test's window manager
    pkgs+=(nginx)  # the fleet tests: a real origin serving a published bundle on loopback (tests/nginx.py)
    # the fleet tests start their own MQTT broker and Prometheus on loopback (never the packages' services)
    pkgs+=(mosquitto prometheus)
fi
missing=()
for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
step "System packages (${#pkgs[@]} needed, ${#missing[@]} missing)"
if [ "${#missing[@]}" -gt 0 ]; then
    echo "    installing: ${missing[*]} (a few minutes on a new machine)"
    export DEBIAN_FRONTEND=noninteractive
    quiet "apt-get update (check the network or the apt sources)" $SUDO apt-get update
    quiet "apt-get install of ${missing[*]}" $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "    all present"
fi

# --- 3. Python and the virtualenv -----------------------------------------------------------
step "Python virtualenv in .venv"
py="${PYTHON:-python3}"
command -v "$py" >/dev/null 2>&1 || die "no '$py' on PATH."
"$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || die "$("$py" --version 2>&1) is too old: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)."
if [ -x .venv/bin/python ] && .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "    present ($(.venv/bin/python --version))"
else
    rm -rf .venv
    "$py" -m venv .venv || die "could not create .venv (is python3-venv installed?)."
    echo "    created with $("$py" --version)"
fi

# --- 4. the kiosk package -------------------------------------------------------------------
extra=""
[ "$dev" = 1 ] && extra="[dev]"
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)${extra:+-dev}"
step "Python packages (kiosk$extra)"
if [ -e "$stamp" ] && .venv/bin/python -c 'import kiosk' 2>/dev/null; then
    echo "    up to date"
else
    echo "    installing into .venv (PySide6 is large: a few minutes on a new machine)"
    quiet "pip upgrade" .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip
    quiet "pip install of the kiosk package" .venv/bin/python -m pip install --disable-pip-version-check -e ".$extra"
    rm -f .venv/.installed-*
    touch "$stamp"
    echo "    installed"
fi

# The service cannot write next to the code (ProtectSystem=strict, ProtectHome=read-only): without
# bytecode written now, a device compiles its runtime modules at every start (+23 % of the carousel's
# start instructions, measured with bench/bench_start.py). compileall skips what is current.
quiet "compiling the kiosk's modules" .venv/bin/python -m compileall -q kiosk

step "Checking the installation"
.venv/bin/kiosk --version
.venv/bin/kiosk validate --quiet || die "the shipped content does not validate; run '.venv/bin/kiosk validate'."

if [ -n "$service" ]; then
    [ "$(id -u)" = 0 ] || [ -n "$SUDO" ] || die "--service needs root (or sudo)."
    $SUDO "$here/deploy/install-service.sh" "$service" $x11
    exit 0
fi

step "Done"
echo "    demo:  .venv/bin/kiosk run stadthafen-stele --window"
[ "$dev" = 1 ] && echo "    tests: ./test.sh"
exit 0
