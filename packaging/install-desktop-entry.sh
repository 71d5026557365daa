#!/bin/sh
# Put coprod-workshop in this user's applications menu, run from this folder.
# Run it again after moving the folder. Nothing outside your home is touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps=${XDG_DATA_HOME:-$HOME/.local/share}/applications
icons=${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps
mkdir -p "$apps" "$icons"
cp "$here/coprod-workshop.png" "$icons/coprod-workshop.png"
sed -e "s|^Exec=coprod-workshop|Exec=\"$here/coprod-workshop\"|" \
  "$here/coprod-workshop.desktop" > "$apps/coprod-workshop.desktop"
echo "Added to the applications menu: $apps/coprod-workshop.desktop"
