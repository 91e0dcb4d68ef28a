#!/bin/sh
# Installs the system packages Tawsim needs on Debian/Ubuntu, only when they
# are missing: the C compiler and X11/OpenGL headers that Fyne's desktop
# driver builds against, (with "smoke") what the real-window check uses, and
# (with "pg") PostgreSQL, which the pgstore tests run privately (scripts/pg.sh).
set -e
need=""
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
pkgs="gcc libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev pkg-config"
if [ "$1" = "smoke" ]; then
	pkgs="xvfb xdotool imagemagick x11-utils"
fi
if [ "$1" = "readers" ]; then
	pkgs="python3-nltk python3-sklearn libfribidi-bin"
fi
if [ "$1" = "pg" ]; then
	# Any installed version will do: scripts/pg.sh finds the newest.
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && exit 0
	command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && exit 0
	pkgs="postgresql"
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: not a Debian/Ubuntu system; install a C compiler and the X11/OpenGL development headers yourself (see README)" >&2
	exit 0
fi
for p in $pkgs; do have "$p" || need="$need $p"; done
[ -z "$need" ] && exit 0
echo "deps: installing$need" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
