#!/usr/bin/env bash
# Makes sure restore can find `librdkafka.redist`, the native client Confluent.Kafka loads.
#
# Where the NuGet registry serves librdkafka.redist at the version Confluent.Kafka asks for,
# this script does nothing. Where it does not, it builds librdkafka from Debian's source
# package (trixie, >= 2.8), packs it as librdkafka.redist in the repo's local package source
# (.nuget/local, see NuGet.config) and caches the build outside the repo so a warm machine
# skips it.
#
# Usage: infra/native/librdkafka.sh [--force-local]
#   --force-local   build and use the local package even where the registry serves one.
set -euo pipefail

REDIST_VERSION="${LIBRDKAFKA_REDIST_VERSION:-2.15.1}"   # what Confluent.Kafka depends on
SOURCE_SUITE="${LIBRDKAFKA_SOURCE_SUITE:-trixie}"        # Debian suite whose source we build
MIN_NATIVE="2.8.0"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_SOURCE="$REPO_ROOT/.nuget/local"
CACHE_ROOT="${PLATFORM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/order-platform}"
CACHE_DIR="$CACHE_ROOT/librdkafka"
NUPKG_NAME="librdkafka.redist.$REDIST_VERSION.nupkg"

log() { printf '[librdkafka] %s\n' "$*" >&2; }
die() { printf '[librdkafka] error: %s\n' "$*" >&2; exit 1; }

mkdir -p "$LOCAL_SOURCE" "$CACHE_DIR"

registry_serves_redist() {
  # A restore in an empty folder uses the machine's NuGet configuration (not this repo's
  # local source) and a private packages folder, so an earlier local package cannot answer.
  local probe; probe="$(mktemp -d)"
  cat >"$probe/probe.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="librdkafka.redist" Version="[$REDIST_VERSION]" /></ItemGroup>
</Project>
XML
  local ok=1
  if (cd "$probe" && dotnet restore probe.csproj --packages "$probe/packages" >"$probe/restore.log" 2>&1); then ok=0; fi
  rm -rf "$probe"
  return $ok
}

if [[ "${1:-}" != "--force-local" ]]; then
  if [[ -f "$CACHE_DIR/registry-serves-$REDIST_VERSION" ]] || registry_serves_redist; then
    touch "$CACHE_DIR/registry-serves-$REDIST_VERSION"
    rm -f "$LOCAL_SOURCE"/librdkafka.redist.*.nupkg
    log "the NuGet registry serves librdkafka.redist $REDIST_VERSION; nothing to build"
    exit 0
  fi
fi

if [[ -f "$CACHE_DIR/$NUPKG_NAME" ]]; then
  cp -f "$CACHE_DIR/$NUPKG_NAME" "$LOCAL_SOURCE/"
  log "using cached $CACHE_DIR/$NUPKG_NAME"
  exit 0
fi

BUILD_DEPS=(build-essential libssl-dev libsasl2-dev libzstd-dev liblz4-dev zlib1g-dev libcurl4-openssl-dev zip)
missing=()
for p in "${BUILD_DEPS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    log "installing build dependencies: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die "missing build dependencies; run: sudo apt-get install -y ${missing[*]}"
  fi
fi

WORK="$(mktemp -d)"
chmod 755 "$WORK"   # apt's download user must be able to write its lists here
trap 'rm -rf "$WORK"' EXIT
log "fetching Debian's librdkafka source package from $SOURCE_SUITE"
# A private sources list and lists folder: the machine's apt configuration stays untouched.
mkdir -p "$WORK/lists/partial" "$WORK/src"
echo "deb-src http://deb.debian.org/debian $SOURCE_SUITE main" >"$WORK/sources.list"
APT_OPTS=(-o "Dir::Etc::SourceList=$WORK/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$WORK/lists" -o Debug::NoLocking=1)
apt-get "${APT_OPTS[@]}" update -qq >/dev/null
(cd "$WORK/src" && apt-get "${APT_OPTS[@]}" source --download-only librdkafka >/dev/null 2>&1) \
  || die "apt-get source librdkafka failed (is deb.debian.org reachable?)"
orig="$(ls "$WORK"/src/librdkafka_*.orig.tar.* | head -n1)"
[[ -n "$orig" ]] || die "no upstream tarball in the source package"
tar -xf "$orig" -C "$WORK/src"
srcdir="$(find "$WORK/src" -maxdepth 1 -mindepth 1 -type d -name 'librdkafka*' | head -n1)"
native_version="$(basename "$orig" | sed -E 's/^librdkafka_([0-9]+(\.[0-9]+)*).*/\1/')"
if [[ "$(printf '%s\n%s\n' "$MIN_NATIVE" "$native_version" | sort -V | head -n1)" != "$MIN_NATIVE" ]]; then
  die "Debian $SOURCE_SUITE has librdkafka $native_version; at least $MIN_NATIVE is required"
fi

log "building librdkafka $native_version (about a minute on 2 cores)"
(cd "$srcdir" && ./configure --prefix="$WORK/prefix" --disable-gssapi >"$WORK/configure.log" 2>&1 \
  && make -j"$(nproc)" libs >"$WORK/make.log" 2>&1 && make -C src install >"$WORK/install.log" 2>&1) \
  || { tail -n 40 "$WORK"/*.log >&2; die "librdkafka build failed"; }

log "packing librdkafka.redist $REDIST_VERSION (native $native_version)"
pkg="$WORK/pkg"
mkdir -p "$pkg/runtimes/linux-x64/native"
cp -L "$WORK/prefix/lib/librdkafka.so.1" "$pkg/runtimes/linux-x64/native/librdkafka.so"
cat >"$pkg/librdkafka.redist.nuspec" <<XML
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>librdkafka.redist</id>
    <version>$REDIST_VERSION</version>
    <authors>local build</authors>
    <description>librdkafka $native_version (linux-x64) built on this machine from Debian's $SOURCE_SUITE source package, standing in for the registry's librdkafka.redist $REDIST_VERSION.</description>
  </metadata>
</package>
XML
cat >"$pkg/[Content_Types].xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="nuspec" ContentType="application/octet" /><Default Extension="so" ContentType="application/octet" /></Types>
XML
(cd "$pkg" && zip -qr "$CACHE_DIR/$NUPKG_NAME" .)
echo "$native_version" >"$CACHE_DIR/native-version"
cp -f "$CACHE_DIR/$NUPKG_NAME" "$LOCAL_SOURCE/"
log "done: $LOCAL_SOURCE/$NUPKG_NAME (cached in $CACHE_DIR)"
