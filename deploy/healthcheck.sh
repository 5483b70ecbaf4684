#!/bin/bash
# Container health probe: GET http://127.0.0.1:8080<path> (default /alive), exit 0 only on HTTP 200.
# The aspnet runtime image ships neither curl nor wget, and adding one for a probe would grow the image and its
# attack surface; bash (in the Ubuntu-based image) can open TCP sockets itself through /dev/tcp.
set -eu
path="${1:-/alive}"
exec 3<>/dev/tcp/127.0.0.1/8080
# HTTP/1.0: Kestrel closes the connection after the response, so nothing waits for a keep-alive.
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
read -r -t 4 _ status _ <&3
[ "$status" = 200 ]
