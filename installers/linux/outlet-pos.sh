#!/bin/sh
# /usr/bin/outlet-pos: the Outlet POS bundle installed under /opt/outlet-pos.
exec /opt/outlet-pos/outlet-pos "$@"
