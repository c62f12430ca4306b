#!/usr/bin/env bash
# Runs apt-get or apt-cache against ONE Debian suite through a private configuration kept in
# fsconform's own cache directory. The system's sources, lists and preferences are never touched, so
# packages of another suite (bullseye's kernel, bookworm-backports' runsc, sid's kernel) can be looked
# up and downloaded without the host ever installing from that suite by accident.
#
#   apt-suite.sh SUITE update                refresh the suite's package lists (only when older than a day)
#   apt-suite.sh SUITE download PKG...       download .debs into the current directory
#   apt-suite.sh SUITE policy|show PKG...    apt-cache look-ups
#   apt-suite.sh SUITE path                  print the suite's private directory
#   apt-suite.sh mirror                      print the Debian mirror (build-images.sh asks too)
#
# SUITE: bullseye | bookworm | bookworm-backports | trixie | sid (any suite the mirror serves).
# The mirror is the host's own (the first non-security URI in /etc/apt), so no host is named here;
# FSCONFORM_DEBIAN_MIRROR overrides it.
# Env: FSCONFORM_IMAGE_CACHE  cache dir (default /var/cache/fsconform; ~/.cache/fsconform if not root)
#      FSCONFORM_APT_MAX_AGE  seconds before `update` refreshes lists again (default 86400)
set -Eeuo pipefail
trap 'echo "apt-suite: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

die() { echo "apt-suite: $*" >&2; exit 2; }

mirror() {
  if [ -n "${FSCONFORM_DEBIAN_MIRROR:-}" ]; then echo "$FSCONFORM_DEBIAN_MIRROR"; return; fi
  local m
  m=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1 || true)
  [ -n "$m" ] || m=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
        | awk '{print $2}' | grep -v security | head -n1 || true)
  [ -n "$m" ] || die "cannot find a Debian mirror in /etc/apt (set FSCONFORM_DEBIAN_MIRROR)"
  echo "$m"
}

[ "${1:-}" = mirror ] && { mirror; exit 0; }
[ $# -ge 2 ] || die "usage: apt-suite.sh SUITE update|download|policy|show|path [PKG...]"
suite=$1 verb=$2; shift 2
case "$suite" in *[!a-z0-9-]*|'') die "not a suite name: '$suite'";; esac

if [ "$(id -u)" -eq 0 ]; then cache=${FSCONFORM_IMAGE_CACHE:-/var/cache/fsconform}
else cache=${FSCONFORM_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fsconform}; fi
dir=$cache/apt/$suite

mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/parts" "$dir/prefs"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || die "no Debian archive keyring at $keyring (apt-get install debian-archive-keyring)"
printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$(mirror)" "$suite" > "$dir/sources.list"

opts=(-o "Dir::Etc::SourceList=$dir/sources.list" -o "Dir::Etc::SourceParts=$dir/parts"
      -o "Dir::Etc::PreferencesParts=$dir/prefs" -o "Dir::State::Lists=$dir/lists"
      -o "Dir::Cache=$dir/cache" -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
      -o "APT::Sandbox::User=root" -o "Acquire::Languages=none")

fresh() {
  local stamp=$dir/updated
  [ -f "$stamp" ] && [ $(( $(date +%s) - $(stat -c %Y "$stamp") )) -lt "${FSCONFORM_APT_MAX_AGE:-86400}" ]
}

case "$verb" in
  update)
    if fresh; then exit 0; fi
    apt-get "${opts[@]}" -q update >&2 || die "apt-get update for $suite failed"
    touch "$dir/updated" ;;
  download) [ $# -ge 1 ] || die "download needs a package name"; apt-get "${opts[@]}" -q download "$@" ;;
  policy|show|madison|depends) apt-cache "${opts[@]}" "$verb" "$@" ;;
  path) echo "$dir" ;;
  *) die "unknown verb '$verb' (update, download, policy, show, path)" ;;
esac
