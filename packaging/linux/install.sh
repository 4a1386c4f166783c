#!/usr/bin/env bash
# Install gdgame for the current user (no root needed), from the unpacked archive:
#
#   ./install.sh               install into ~/.local (or --prefix DIR)
#   ./install.sh --uninstall   remove it again (your saved progress is kept)
#
# Puts the app in PREFIX/opt/gdgame, a `gdgame` link in PREFIX/bin, the menu entry in
# PREFIX/share/applications and the icons in PREFIX/share/icons/hicolor.
set -euo pipefail

APP=gdgame
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX="${HOME}/.local"
ACTION=install

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX="${2:?--prefix needs a folder}"; shift 2 ;;
        --prefix=*) PREFIX="${1#--prefix=}"; shift ;;
        --uninstall) ACTION=uninstall; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
done

APP_DIR="$PREFIX/opt/$APP"
BIN_LINK="$PREFIX/bin/$APP"
DESKTOP_FILE="$PREFIX/share/applications/$APP.desktop"
ICON_ROOT="$PREFIX/share/icons/hicolor"
ICON_SIZES="16 24 32 48 64 128 256 512"

refresh_menus() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$ICON_ROOT" 2>/dev/null || true
    fi
}

if [ "$ACTION" = uninstall ]; then
    rm -rf "$APP_DIR"
    rm -f "$BIN_LINK" "$DESKTOP_FILE" "$ICON_ROOT/scalable/apps/$APP.svg"
    for size in $ICON_SIZES; do
        rm -f "$ICON_ROOT/${size}x${size}/apps/$APP.png"
    done
    refresh_menus
    echo "gdgame removed from $PREFIX (your saved progress was not touched)."
    exit 0
fi

if [ ! -x "$HERE/$APP/$APP" ]; then
    echo "install.sh: $HERE/$APP/$APP is missing; run me from the unpacked archive." >&2
    exit 1
fi

rm -rf "$APP_DIR.new"
mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$PREFIX/share/applications"
cp -a "$HERE/$APP" "$APP_DIR.new"
rm -rf "$APP_DIR"
mv "$APP_DIR.new" "$APP_DIR"
ln -sfn "$APP_DIR/$APP" "$BIN_LINK"

for size in $ICON_SIZES; do
    if [ -f "$HERE/icons/$APP-$size.png" ]; then
        mkdir -p "$ICON_ROOT/${size}x${size}/apps"
        cp "$HERE/icons/$APP-$size.png" "$ICON_ROOT/${size}x${size}/apps/$APP.png"
    fi
done
if [ -f "$HERE/icons/$APP.svg" ]; then
    mkdir -p "$ICON_ROOT/scalable/apps"
    cp "$HERE/icons/$APP.svg" "$ICON_ROOT/scalable/apps/$APP.svg"
fi

# The menu entry runs the installed binary by absolute path: ~/.local/bin is not
# always on the desktop session's PATH.
sed -e "s|^Exec=.*|Exec=\"$APP_DIR/$APP\"|" \
    -e "s|^TryExec=.*|TryExec=$APP_DIR/$APP|" \
    "$HERE/$APP.desktop" > "$DESKTOP_FILE"
chmod 644 "$DESKTOP_FILE"
refresh_menus

echo "gdgame installed in $APP_DIR"
echo "Start it from your applications menu, or run: $BIN_LINK"
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "(Add $PREFIX/bin to your PATH to type just 'gdgame'.)" ;;
esac
