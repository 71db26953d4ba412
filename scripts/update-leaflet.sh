#!/bin/sh
# Vendor Leaflet from the npm registry into kiosk/static/vendor/leaflet/: leaflet.js,
# leaflet.css, images/, LICENSE and a VERSION note. We serve it ourselves, never from a CDN.
#
#   scripts/update-leaflet.sh          # the newest 1.9.x
#   scripts/update-leaflet.sh 1.9.4    # a given version
set -eu

version="${1:-1.9}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/kiosk/static/vendor/leaflet"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
tarball="$(npm pack --silent "leaflet@$version")"
tar -xzf "$tarball"
exact="$(node -p "require('./package/package.json').version")"
integrity="$(npm view "leaflet@$exact" dist.integrity)"

rm -rf "$target"
mkdir -p "$target/images"
cp package/dist/leaflet.js package/dist/leaflet.css "$target/"
cp package/dist/images/*.png "$target/images/"
cp package/LICENSE "$target/LICENSE"
cat > "$target/VERSION" <<NOTE
Leaflet $exact (BSD-2-Clause), from the npm registry: npm pack leaflet@$exact
$tarball $integrity
Updated with scripts/update-leaflet.sh; the files are dist/ as published, unchanged.
NOTE
echo "Leaflet $exact in $target"
