#!/bin/sh
# What `make package` needs from Debian beyond the virtualenv:
#   libusb-1.0-0   bundled into the frozen app: pyusb there loads only a bundled libusb
#                  (PyInstaller's usb run-time hook), so without it USB printers cannot work
#   nsis           makensis, to compile the Windows installer script
#   dpkg-dev bits  dpkg-deb (always there on Debian)
# Quiet when all is present; as root installs them with apt-get (apt-get update only when the
# install fails); otherwise names what is missing and fails.
NEED=""
ldconfig -p 2>/dev/null | grep -q 'libusb-1\.0\.so' || NEED="$NEED libusb-1.0-0"
command -v makensis >/dev/null 2>&1 || NEED="$NEED nsis"
[ -z "$NEED" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_tools: missing:$NEED; install them: sudo apt-get install$NEED"
    exit 1
fi
echo "ensure_tools: installing$NEED (apt-get install)"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
apt-get install -y -q --no-install-recommends $NEED >>"$log" 2>&1 || \
    { apt-get update -q >>"$log" 2>&1 && \
      apt-get install -y -q --no-install-recommends $NEED >>"$log" 2>&1; } || \
    { echo "ensure_tools: apt-get could not install$NEED:"; grep -E '^(E|W):' "$log" | tail -n 3;
      rm -f "$log"; exit 1; }
rm -f "$log"
exit 0
