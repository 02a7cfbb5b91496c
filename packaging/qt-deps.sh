#!/usr/bin/env bash
# Make sure the shared libraries Qt needs are on this machine (Debian or Ubuntu).
#
# Usage: packaging/qt-deps.sh [PYTHON]   (PYTHON: the venv's python; default .venv/bin/python)
#
# The PySide6 wheel brings Qt itself but not the system libraries its platform plugins link
# against, and a minimal Debian lacks several (libxcb-cursor0 first of all), so the app
# aborts at start with "qt.qpa.plugin: ... Aborted". This asks `ldd` which libraries the
# xcb (a real screen) and offscreen (tests) plugins and the xcb GL integrations cannot
# find, maps each to its Debian package, and installs them with apt-get when it can (as
# root, or with sudo that needs no password). Otherwise it stops with one line naming the
# exact packages to install. Exit 0 when nothing is missing (after installing, if needed).
set -euo pipefail

PYTHON=${1:-.venv/bin/python}
# soname -> Debian packages providing it, newest name first (the 64-bit time_t renames of
# Debian 13 / Ubuntu 24.04 end in t64; the first name apt knows is taken).
declare -A PACKAGES=(
  [libEGL.so.1]="libegl1" [libGL.so.1]="libgl1" [libGLX.so.0]="libglx0"
  [libGLdispatch.so.0]="libglvnd0" [libOpenGL.so.0]="libopengl0"
  [libX11.so.6]="libx11-6" [libX11-xcb.so.1]="libx11-xcb1" [libXau.so.6]="libxau6"
  [libXdmcp.so.6]="libxdmcp6" [libSM.so.6]="libsm6" [libICE.so.6]="libice6"
  [libxcb.so.1]="libxcb1" [libxcb-cursor.so.0]="libxcb-cursor0" [libxcb-glx.so.0]="libxcb-glx0"
  [libxcb-icccm.so.4]="libxcb-icccm4" [libxcb-image.so.0]="libxcb-image0"
  [libxcb-keysyms.so.1]="libxcb-keysyms1" [libxcb-randr.so.0]="libxcb-randr0"
  [libxcb-render.so.0]="libxcb-render0" [libxcb-render-util.so.0]="libxcb-render-util0"
  [libxcb-shape.so.0]="libxcb-shape0" [libxcb-shm.so.0]="libxcb-shm0"
  [libxcb-sync.so.1]="libxcb-sync1" [libxcb-util.so.1]="libxcb-util1"
  [libxcb-xfixes.so.0]="libxcb-xfixes0" [libxcb-xinerama.so.0]="libxcb-xinerama0"
  [libxcb-xinput.so.0]="libxcb-xinput0" [libxcb-xkb.so.1]="libxcb-xkb1"
  [libxkbcommon.so.0]="libxkbcommon0" [libxkbcommon-x11.so.0]="libxkbcommon-x11-0"
  [libfontconfig.so.1]="libfontconfig1" [libfreetype.so.6]="libfreetype6"
  [libdbus-1.so.3]="libdbus-1-3" [libexpat.so.1]="libexpat1"
  [libglib-2.0.so.0]="libglib2.0-0t64 libglib2.0-0" [libgthread-2.0.so.0]="libglib2.0-0t64 libglib2.0-0"
  [libpng16.so.16]="libpng16-16t64 libpng16-16" [libz.so.1]="zlib1g" [libzstd.so.1]="libzstd1"
  [libbrotlidec.so.1]="libbrotli1" [libbrotlicommon.so.1]="libbrotli1"
  [libpcre2-8.so.0]="libpcre2-8-0" [libbsd.so.0]="libbsd0" [libmd.so.0]="libmd0"
  [libsystemd.so.0]="libsystemd0" [libcap.so.2]="libcap2" [libgcrypt.so.20]="libgcrypt20"
  [libgpg-error.so.0]="libgpg-error0" [liblzma.so.5]="liblzma5" [liblz4.so.1]="liblz4-1"
  [libstdc++.so.6]="libstdc++6" [libgcc_s.so.1]="libgcc-s1"
)

say() { echo "qt-deps: $*" >&2; }

qt_dir=$("$PYTHON" - <<'PY'
import importlib.util, pathlib, sys
spec = importlib.util.find_spec("PySide6")  # located, not imported: that could need the libraries
if spec is None or not spec.submodule_search_locations:
    sys.exit("PySide6 is not installed in this Python")
print(pathlib.Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins")
PY
) || { say "cannot find PySide6 with $PYTHON (run make first)"; exit 2; }
plugins=("$qt_dir"/platforms/libqxcb.so "$qt_dir"/platforms/libqoffscreen.so
         "$qt_dir"/xcbglintegrations/*.so)

missing_sonames() {
  local p
  for p in "${plugins[@]}"; do
    [ -e "$p" ] || { say "no Qt plugin at $p"; exit 2; }
    ldd "$p" | awk '$2 == "=>" && $3 == "not" {print $1}'
  done | sort -u
}

apt_knows() {  # not a pipe into grep -q: under pipefail its early exit would fail the pipe
  local policy
  policy=$(apt-cache policy "$1" 2>/dev/null) || return 1
  grep -q 'Candidate: [^(]' <<<"$policy"
}

packages_for() {  # sonames on stdin -> package names on stdout; unknown sonames -> fd 3
  local soname candidates pkg chosen
  while read -r soname; do
    candidates=${PACKAGES[$soname]:-}
    if [ -z "$candidates" ]; then echo "$soname" >&3; continue; fi
    chosen=""
    for pkg in $candidates; do
      if apt_knows "$pkg"; then chosen=$pkg; break; fi
    done
    echo "${chosen:-${candidates%% *}}"
  done | sort -u
}

missing=$(missing_sonames)
[ -z "$missing" ] && exit 0

unknown_file=$(mktemp)
trap 'rm -f "$unknown_file"' EXIT
resolve() { packages_for 3>"$unknown_file" <<<"$missing" | tr '\n' ' ' | sed 's/ $//'; }

as_root=()  # how to run apt-get: directly as root, or through sudo without a password
can_install=yes
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    can_install=no
  fi
fi
command -v apt-get >/dev/null 2>&1 || can_install=no

if [ "$can_install" = no ]; then
  pkgs=$(resolve)
  unknown=$(tr '\n' ' ' <"$unknown_file" | sed 's/ $//')
  if ! command -v apt-get >/dev/null 2>&1; then
    say "Qt cannot find $(tr '\n' ' ' <<<"$missing" | sed 's/ $//'); install them (on Debian/Ubuntu: $pkgs)"
  else
    say "Qt needs system libraries; run: sudo apt-get install $pkgs${unknown:+ (and whatever provides $unknown)}"
  fi
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
say "Qt cannot find: $(tr '\n' ' ' <<<"$missing")"
"${as_root[@]}" apt-get update -qq || true  # stale lists still name most packages
pkgs=$(resolve)
if [ -n "$pkgs" ]; then
  say "installing $pkgs"
  # shellcheck disable=SC2086  # one word per package
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi
still=$(missing_sonames)
if [ -n "$still" ]; then
  say "still missing after apt-get: $(tr '\n' ' ' <<<"$still")(no Debian package known for them here)"
  exit 1
fi
say "done: every library the Qt platform plugins need is present"
