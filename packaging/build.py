"""Build gdgame's frozen app and the host's distributable in one command.

    python packaging/build.py              # onedir app + Linux .tar.xz (+ AppImage/.exe/.dmg)
    python packaging/build.py --skip-freeze   # only re-package an existing onedir build

Run it with a Python that has gdgame's dependencies and the ``freeze`` extra
(``pip install -e .[freeze]``). Output goes to packaging/build/: dist/gdgame (the onedir
app; dist/gdgame.app on macOS) and the archive/installer next to it. Prints the sizes
and the 15 largest files, and fails (exit 1) when the onedir folder or the Linux archive
is over budget (packaging/freeze_config.py; sizes in MiB, 1 MiB = 1,048,576 bytes).
On Linux it first checks the xcb libraries Qt's X11 plugin needs (PyInstaller bundles
them from the build host) and names the apt packages to install.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import freeze_config as cfg

MIB = 1024 * 1024


def present_libraries(ldconfig_output: str) -> set[str]:
    """Library file names listed by ``ldconfig -p``."""
    names = set()
    for line in ldconfig_output.splitlines():
        line = line.strip()
        if " => " in line:
            names.add(line.split(" (", 1)[0].split(" => ", 1)[0].strip())
    return names


def missing_xcb_packages(ldconfig_output: str) -> list[str]:
    """apt packages providing the xcb-related libraries absent from the host."""
    found = present_libraries(ldconfig_output)
    return sorted({pkg for lib, pkg in cfg.XCB_LIBRARIES.items() if lib not in found})


def check_xcb_libraries(strict: bool) -> bool:
    """Report missing xcb libraries; return False only when strict and some are missing."""
    try:
        output = subprocess.run(
            ["ldconfig", "-p"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        print("note: ldconfig not found; cannot check the xcb libraries")
        return True
    missing = missing_xcb_packages(output)
    if not missing:
        print("xcb libraries: all present")
        return True
    print("WARNING: the build host lacks libraries Qt's X11 (xcb) plugin needs, so the app")
    print("will not carry them and users without them cannot start it under X11. Install:")
    print("    sudo apt-get install " + " ".join(missing))
    return not strict


def check_trim_tools() -> None:
    """The spec trims the Linux build with readelf/strip (binutils) and a C compiler."""
    missing = [tool for tool in ("readelf", "strip") if shutil.which(tool) is None]
    if missing:
        print("WARNING: no " + "/".join(missing) + ": the app will not be trimmed and will")
        print("exceed its size budget. Install: sudo apt-get install binutils")
    if shutil.which("gcc") is None and shutil.which("cc") is None:
        print("WARNING: no C compiler: ICU data stays untrimmed (+27 MiB). Install: gcc")


def run_pyinstaller() -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(cfg.PACKAGING_DIR / "gdgame.spec"),
        "--noconfirm",
        "--distpath",
        str(cfg.DIST_DIR),
        "--workpath",
        str(cfg.WORK_DIR),
    ]
    print("running: " + " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=cfg.ROOT)


def file_sizes(folder: Path) -> list[tuple[int, Path]]:
    """(bytes, path) of every regular file under folder; symlinks count as nothing."""
    sizes = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            sizes.append((path.stat().st_size, path))
    return sizes


def folder_size(folder: Path) -> int:
    return sum(size for size, _ in file_sizes(folder))


def largest_files(folder: Path, count: int = 15) -> list[tuple[int, Path]]:
    return sorted(file_sizes(folder), key=lambda item: (-item[0], str(item[1])))[:count]


def print_size_report(onedir: Path) -> int:
    total = folder_size(onedir)
    print(f"\nonedir {onedir}: {total / MIB:.1f} MiB (budget {cfg.ONEDIR_BUDGET_MB} MiB)")
    print("largest files:")
    for size, path in largest_files(onedir):
        print(f"  {size / MIB:7.2f} MiB  {path.relative_to(onedir)}")
    return total


def _add_to_tar(tar: tarfile.TarFile, source: Path, name: str) -> None:
    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    tar.add(source, arcname=name, filter=normalise)


def make_linux_archive(onedir: Path, out_dir: Path, version: str) -> Path:
    """gdgame-VERSION-linux-ARCH.tar.xz: the app, its .desktop file, icons, install.sh.

    xz rather than gzip: a fifth smaller (the budget), and every Linux tar unpacks it
    (``tar xf``; GNOME's and KDE's archive managers too).
    """
    import platform

    top = f"{cfg.APP_NAME}-{version}-linux-{platform.machine() or 'x86_64'}"
    archive = out_dir / f"{top}.tar.xz"
    out_dir.mkdir(parents=True, exist_ok=True)
    linux = cfg.PACKAGING_DIR / "linux"
    with tarfile.open(archive, "w:xz", preset=9) as tar:
        _add_to_tar(tar, onedir, f"{top}/{cfg.APP_NAME}")
        _add_to_tar(tar, linux / f"{cfg.APP_NAME}.desktop", f"{top}/{cfg.APP_NAME}.desktop")
        _add_to_tar(tar, linux / "install.sh", f"{top}/install.sh")
        for icon in sorted(cfg.ICON_DIR.iterdir()):
            if icon.suffix in (".png", ".svg"):
                _add_to_tar(tar, icon, f"{top}/icons/{icon.name}")
    return archive


def make_appimage(onedir: Path, out_dir: Path, version: str) -> Path | None:
    """An AppImage when appimagetool is installed (else None)."""
    tool = shutil.which("appimagetool")
    if tool is None:
        print("appimagetool not found: skipping the AppImage (the .tar.xz is the release)")
        return None
    appdir = out_dir / f"{cfg.APP_NAME}.AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    shutil.copytree(onedir, appdir / "usr" / "lib" / cfg.APP_NAME, symlinks=True)
    shutil.copy2(cfg.PACKAGING_DIR / "linux" / f"{cfg.APP_NAME}.desktop", appdir)
    shutil.copy2(cfg.ICON_DIR / "gdgame-256.png", appdir / f"{cfg.APP_NAME}.png")
    apprun = appdir / "AppRun"
    apprun.write_text(
        '#!/bin/sh\nHERE="$(dirname "$(readlink -f "$0")")"\n'
        f'exec "$HERE/usr/lib/{cfg.APP_NAME}/{cfg.APP_NAME}" "$@"\n'
    )
    apprun.chmod(0o755)
    target = out_dir / f"{cfg.APP_NAME}-{version}-x86_64.AppImage"
    env = dict(os.environ, ARCH="x86_64")
    subprocess.run([tool, str(appdir), str(target)], check=True, env=env)
    return target


def make_windows_installer(version: str) -> Path | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        print("iscc (Inno Setup 6) not found: install it, then run")
        print(f"    iscc /DAppVersion={version} packaging\\windows\\gdgame.iss")
        return None
    script = cfg.PACKAGING_DIR / "windows" / "gdgame.iss"
    subprocess.run([iscc, f"/DAppVersion={version}", str(script)], check=True)
    return cfg.BUILD_DIR / f"{cfg.APP_NAME}-{version}-windows-setup.exe"


def make_dmg(app_bundle: Path, version: str) -> Path | None:
    if shutil.which("dmgbuild") is None:
        print("dmgbuild not found: `pip install dmgbuild`, then run build.py again")
        return None
    target = cfg.BUILD_DIR / f"{cfg.APP_NAME}-{version}-macos.dmg"
    settings = cfg.PACKAGING_DIR / "macos" / "dmgbuild_settings.py"
    command = ["dmgbuild", "-s", str(settings), "-D", f"app={app_bundle}"]
    command += ["-D", f"version={version}", cfg.DISPLAY_NAME, str(target)]
    subprocess.run(command, check=True)
    return target


def within_budget(label: str, size: int, budget_mib: int) -> bool:
    ok = size <= budget_mib * MIB
    verdict = "ok" if ok else "OVER BUDGET"
    print(f"{label}: {size / MIB:.1f} MiB of {budget_mib} MiB allowed -> {verdict}")
    return ok


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build gdgame's frozen app and installer.")
    parser.add_argument(
        "--skip-freeze", action="store_true", help="re-package the existing onedir build"
    )
    parser.add_argument(
        "--strict-xcb", action="store_true", help="fail when the host lacks xcb libraries"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    version = cfg.version()
    platform_tag = cfg.platform_tag()
    print(f"gdgame {version}: building on {platform_tag} with Python {sys.version.split()[0]}")
    if platform_tag == "linux":
        if not check_xcb_libraries(args.strict_xcb):
            return 1
        check_trim_tools()
    if not args.skip_freeze:
        try:
            run_pyinstaller()
        except FileNotFoundError as exc:
            print(f"error: cannot run PyInstaller: {exc}")
            return 1
        except subprocess.CalledProcessError as exc:
            print(f"error: PyInstaller failed (exit {exc.returncode})")
            return 1
    onedir = cfg.onedir_path()
    if not cfg.executable_path().is_file():
        print(f"error: no frozen app at {cfg.executable_path()}; build without --skip-freeze")
        return 1
    ok = within_budget("onedir", print_size_report(onedir), cfg.ONEDIR_BUDGET_MB)
    if platform_tag == "linux":
        archive = make_linux_archive(onedir, cfg.BUILD_DIR, version)
        ok = within_budget(f"archive {archive.name}", archive.stat().st_size,
                           cfg.ARCHIVE_BUDGET_MB) and ok  # fmt: skip
        make_appimage(onedir, cfg.BUILD_DIR, version)
    elif platform_tag == "windows":
        make_windows_installer(version)
    else:
        make_dmg(onedir, version)
    print(f"\nfrozen app: {cfg.executable_path()}")
    print("next: python packaging/smoke_test.py")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
