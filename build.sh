#!/usr/bin/env bash
# ./build.sh [target] [cake options]   e.g. ./build.sh test, ./build.sh run, ./build.sh help
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
target="${1:-test}"
shift || true
if [[ "${target,,}" == "run" ]]; then
  # Restore through cake, build only the launcher and what it references (not the tests), then
  # run the platform as this shell's own process so that Ctrl-C reaches it directly and it stops
  # what it started before exiting.
  dotnet cake build.cake --target=restore
  dotnet build services/Platform.AppHost/Platform.AppHost.csproj -c Release --no-restore -nologo -v quiet
  exec dotnet services/Platform.AppHost/bin/Release/net10.0/platform-apphost.dll "$@"
fi
exec dotnet cake build.cake --target="$target" "$@"
