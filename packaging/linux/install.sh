#!/usr/bin/env bash
# Install the bundle (make bundle) as a desktop app under PREFIX (default ~/.local):
# the bundle in lib/takedown-atlas, `takedown-atlas` on bin/, the launcher, the AppStream
# metainfo and the icons where menus and software centres look for them.
#   packaging/linux/install.sh [PREFIX]        uninstall: rm the same paths
set -euo pipefail
cd "$(dirname "$0")/../.."
PREFIX=${1:-$HOME/.local}
ID=org.takedownatlas.TakedownAtlas
BUNDLE=dist/takedown-atlas
test -x "$BUNDLE/takedown-atlas" || { echo "install: no bundle; run make bundle first" >&2; exit 2; }
mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo" \
         "$PREFIX/share/icons"
rm -rf "$PREFIX/lib/takedown-atlas"
cp -a "$BUNDLE" "$PREFIX/lib/takedown-atlas"
ln -sfn "../lib/takedown-atlas/takedown-atlas" "$PREFIX/bin/takedown-atlas"
install -m 644 "packaging/linux/$ID.desktop" "$PREFIX/share/applications/$ID.desktop"
install -m 644 "packaging/linux/$ID.metainfo.xml" "$PREFIX/share/metainfo/$ID.metainfo.xml"
cp -r resources/icons/hicolor "$PREFIX/share/icons/"
# Refresh the caches when the tools are there; menus pick the files up without them too.
command -v update-desktop-database >/dev/null && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
echo "installed: $PREFIX/bin/takedown-atlas and its launcher ($ID.desktop)"
