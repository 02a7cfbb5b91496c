#!/usr/bin/env bash
# Render the app icon's PNGs (16-512 px, hicolor layout) from its one source, the SVG in
# resources/icons/hicolor/scalable/apps/. The PNGs are committed, so only whoever changes
# the SVG needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
name=org.takedownatlas.TakedownAtlas
svg=hicolor/scalable/apps/$name.svg  # the source; drawn by hand, 512x512 view box
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" "$svg" -o "hicolor/${size}x${size}/apps/$name.png"
done
