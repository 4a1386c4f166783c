"""dmgbuild settings for gdgame's macOS disk image (run on macOS by packaging/build.py).

    dmgbuild -s packaging/macos/dmgbuild_settings.py \
        -D app=packaging/build/dist/gdgame.app -D version=0.1.0 \
        "gdgame" packaging/build/gdgame-0.1.0-macos.dmg

dmgbuild runs this file with a ``defines`` dict holding the -D values.
"""

import os.path

defines = globals().get("defines", {})
application = defines.get("app", "packaging/build/dist/gdgame.app")
version = defines.get("version", "0.0.0")
appname = os.path.basename(application)  # "gdgame.app"

volume_name = f"gdgame {version}"
format = "UDZO"  # compressed, read-only
filesystem = "HFS+"
files = [application]
symlinks = {"Applications": "/Applications"}
badge_icon = os.path.join(application, "Contents", "Resources", "gdgame.icns")
icon_locations = {appname: (140, 150), "Applications": (500, 150)}
background = "builtin-arrow"
window_rect = ((200, 120), (640, 360))
default_view = "icon-view"
show_status_bar = False
show_toolbar = False
show_pathbar = False
icon_size = 128
text_size = 14
license = None
