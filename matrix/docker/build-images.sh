#!/usr/bin/env bash
# Builds fsconform's container images without any image registry.
#
#   build-images.sh [--jar JAR] [base|probe|probe-apps|apps-tools|dind|dind:SUITE|kernel-tools|kernel:NAME=DIR|all ...]
#
# Prints one "kind=tag" line per image on stdout (for the Java suite to parse);
# everything else goes to stderr. Tags are content hashes of the inputs and of the
# recipe code itself, so a second run with the same inputs finds the tag and builds
# nothing.
#
#   fsconform/base:<h>   Java 17 runtime + glibc + sh. FSCONFORM_BASE selects how:
#                          jlink (default)  jlink'd runtime of the host JDK 17, the glibc
#                                           libraries it needs, busybox-static applets.
#                                           Seconds to build, ~50 MB, no mirror needed.
#                          debootstrap      Debian minbase + openjdk-17-jre-headless
#                                           (real coreutils/util-linux; slow, ~430 MB).
#                        FSCONFORM_BASE_IMAGE=REF uses an existing image instead (e.g. an
#                        official JRE image where a registry is reachable); it is pulled
#                        only if missing locally.
#   fsconform/probe:<h>  base + the seed tree that `java -jar JAR seed` writes (own layer:
#                        /seed/fsconform-seed, a lower layer in every container) + the
#                        jar (/opt/fsconform/fsconform.jar, the layer above).
#   fsconform/probe-apps:<h>  the probe on a Debian minbase of the host's suite that also has the
#                        real tools of the app cells (docs/apps.md: GNU coreutils and tar, git,
#                        python3 with pip, rsync, sqlite3, ccache and gcc, strace, npm with the suite's
#                        Node.js, the host's pnpm when it has one) and the base's Java runtime.
#                        Prints "probe-apps=tag"; needs --jar (and a mirror, once).
#                        apps-tools builds only the Debian part (no jar needed), ahead of time.
#   fsconform/dind:<h>   Debian minbase + docker.io + fuse-overlayfs/btrfs/xfs tools and
#                        an entrypoint that runs an inner dockerd on a chosen storage
#                        driver (see dind-entrypoint.sh), from the host's own suite.
#   fsconform/dind-SUITE:<h>  the same from another Debian suite (dind:trixie, dind:sid):
#                        each suite's docker.io needs that suite's libc, so a newer engine
#                        generation comes with its own system. Prints "dind:SUITE=tag".
#   fsconform/kernel-tools:<h>  Debian minbase of the host's suite with QEMU (qemu-system-x86, seabios) and
#                        the tools a kernel guest's host lab runs from its root share (util-linux, mount,
#                        mkfs for ext4/xfs/btrfs, fuse-overlayfs, kmod, procps): a container's root is
#                        the guest's root there. It also has what build-kernel.sh needs (apt, dpkg,
#                        busybox-static, kmod, xz-utils, zstd), so a kernel can be fetched and built in it
#                        without the host's apt. No jar needed: CI builds it ahead of time.
#   fsconform/kernel-NAME:<h>  kernel-tools + the base's Java runtime + one kernel of the kernel cache
#                        (vmlinuz, initramfs.gz of build-kernel.sh's output, /opt/fsconform/kernel) + the
#                        jar and a class-data archive of it dumped in the image by its own Java
#                        (/opt/fsconform/fsconform.{jar,jsa}). kernel:NAME=DIR builds it from the cached
#                        kernel in DIR and prints "kernel:NAME=tag"; needs --jar and FSCONFORM_CDS_DUMP
#                        (the dump's command line, which fsconform passes: the guest's JVM options).
#
# Env: FSCONFORM_IMAGE_CACHE  work/cache dir (default /var/cache/fsconform; ~/.cache/fsconform if not root)
#      FSCONFORM_JDK          JDK 17 home with jmods for jlink (default: detected)
#      FSCONFORM_JLINK_MODULES modules for the jlink runtime (checked against
#                             `jdeps --print-module-deps` of the jar when probe is built)
#      FSCONFORM_PROBE_IMAGES_KEPT  probe images kept (newest first; default 4), besides those in use
#      FSCONFORM_RUN          the owner id of the run asking (BOOT.PIDNS-PID-START, as its container labels
#                             say): the images it is given are kept while that run lives
#      FSCONFORM_DEBIAN_COMPONENTS  for debootstrap (default main; main,universe on Ubuntu)
#      FSCONFORM_DEBIAN_MIRROR / FSCONFORM_DEBIAN_SUITE  for debootstrap (default: the
#                             host's own apt source and codename)
set -Eeuo pipefail
# No silent exits: name the command that failed.
trap 'echo "build-images: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# root shares one cache per machine; other users (in the docker group) keep their own.
if [ "$(id -u)" -eq 0 ]; then CACHE=${FSCONFORM_IMAGE_CACHE:-/var/cache/fsconform}
else CACHE=${FSCONFORM_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fsconform}; fi
BASE_KIND=${FSCONFORM_BASE:-jlink}
# What `jdeps --print-module-deps --ignore-missing-deps` reports for the shaded jar (Jackson
# needs java.desktop and java.sql; Testcontainers java.naming, java.compiler, java.security.jgss),
# plus modules only reached by reflection or service loading. java.desktop's X11 libraries
# are not copied (the host JDK is headless); the probe never loads them.
JLINK_MODULES=${FSCONFORM_JLINK_MODULES:-java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.security.jgss,java.sql,java.xml,jdk.unsupported,jdk.zipfs}
JLINK_LABEL=dev.fsconform.jlink.modules
OWNER_LABEL=dev.fsconform.owner=fsconform
# The legacy builder: the client may lack buildx, and we need no BuildKit features.
export DOCKER_BUILDKIT=0

die() { echo "build-images: $*" >&2; exit 1; }
say() { echo "build-images: $*" >&2; }
h12() { sha256sum | cut -c1-12; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }
# A byte-stable tar of a tree (names sorted, times/owners zeroed): hashes it and
# makes imports of the same content yield the same layer digest.
stable_tar() { tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$1" -cf - .; }

docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "no Docker engine answers (run matrix/docker/install-engine.sh first)"
PINS=$CACHE/in-use
mkdir -p "$CACHE" "$PINS"

# Locks. An image that exists is found without waiting: only a build takes a build lock, and looks
# again once it has it, since the build it waited for may have made the same image. The base and the
# Debian systems share work trees and .deb caches here, so they are built one at a time per machine
# (.lock); a probe image (seconds, a work tree of its own) waits only for other probe builds. Pruning
# takes the pin lock exclusively; looking an image up takes it shared, after naming the image as in
# use by this run, so that an image found is never pruned before the run that found it is gone.
exec 8>"$CACHE/.pin-lock"
build_lock() {  # $1: lock file; held until build_unlock
  exec 9>"$CACHE/$1"
  flock -n 9 || { say "waiting: another image build holds $CACHE/$1"; flock 9; }
}
build_unlock() { exec 9>&-; }
# Whether image $1 exists; it is first listed as in use by this run (FSCONFORM_RUN), if one asks.
exists() {
  local rc=0
  flock -s 8
  if [ -n "${FSCONFORM_RUN:-}" ]; then echo "$1" >>"$PINS/$FSCONFORM_RUN"; fi
  have_image "$1" || rc=1
  flock -u 8
  return $rc
}
# Whether the run with owner id $1 (BOOT.PIDNS-PID-START) is alive: the same test as the suite's RunId,
# but a run of another boot is over (this cache is this machine's). One in another pid namespace cannot
# be checked, so it counts as alive for six hours (by the age of its list, $2).
owner_alive() {
  local boot pid start here stat btime
  IFS=- read -r boot pid start <<<"$1"
  here=$(tr -d - </proc/sys/kernel/random/boot_id | cut -c1-8).$(readlink /proc/self/ns/pid | tr -dc 0-9)
  case $boot in
    "$here") ;;
    "${here%%.*}".*) [ -n "$(find "$2" -mmin -360 2>/dev/null)" ]; return ;;
    *) return 1 ;;
  esac
  case $pid$start in ''|*[!0-9]*) return 1 ;; esac
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  btime=$(awk '/^btime/ {print $2}' /proc/stat)
  # starttime (field 22) in clock ticks since boot, counted after the ")" that ends the command name.
  [ $(( btime + $(echo "${stat##*) }" | awk '{print $20}') / $(getconf CLK_TCK) )) = "$start" ]
}

find_jdk17() {
  local c
  for c in "${FSCONFORM_JDK:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*17*; do
    if [ -z "$c" ] || [ ! -f "$c/release" ] || [ ! -d "$c/jmods" ]; then continue; fi
    grep -q '^JAVA_VERSION="17' "$c/release" && { readlink -f "$c"; return; }
  done
  die "no JDK 17 with jmods found (set FSCONFORM_JDK; Debian: apt-get install openjdk-17-jdk-headless)"
}

# Debian mirror and suite: taken from the host's apt configuration so that no host
# is named here and a mirror/proxy set up for the machine is used as-is.
debian_mirror() { "$HERE/../debian/apt-suite.sh" mirror; }
debian_suite() { echo "${FSCONFORM_DEBIAN_SUITE:-$(. /etc/os-release && echo "$VERSION_CODENAME")}"; }
# Ubuntu keeps docker.io and fuse-overlayfs in universe; debootstrap takes main only by default.
debian_components() {
  if [ -n "${FSCONFORM_DEBIAN_COMPONENTS:-}" ]; then echo "$FSCONFORM_DEBIAN_COMPONENTS"; return; fi
  if grep -q '^ID=ubuntu' /etc/os-release 2>/dev/null; then echo main,universe; else echo main; fi
}
# Candidate versions of packages per the host's apt lists: part of the tag of a
# debootstrapped image, so that a Debian update yields a new tag.
pkg_versions() { apt-cache policy "$@" 2>/dev/null | awk '/^[^ ]/{p=$1} /Candidate:/{print p $2}'; }

# The versions a debootstrap of the host's suite installs: those of its mirror and suite alone (not the
# candidates of the host's security or third-party sources), from the host's lists where they cover
# that suite, else from the suite's own (apt-suite.sh).
suite_pkg_versions() {
  local from out
  from=$(debian_mirror); from="${from%/} $(debian_suite)/"
  in_suite() { awk -F' [|] ' -v from="$from" '{sub(/^ +/, "", $1); sub(/\/ /, " ", $3)}
                 index($3, from) == 1 && !seen[$1]++ {print $1 ":" $2}'; }
  out=$(apt-cache madison "$@" 2>/dev/null | in_suite)
  if [ "$(grep -c . <<<"$out")" -ne $# ]; then
    "$HERE/../debian/apt-suite.sh" "$(debian_suite)" update || die "cannot read the package lists of $(debian_suite)"
    out=$("$HERE/../debian/apt-suite.sh" "$(debian_suite)" madison "$@" 2>/dev/null | in_suite)
  fi
  echo "$out"
}

# Extracts a Debian package into DIR without installing it on the host. The .deb is
# cached per candidate version, so a Debian update is fetched (and changes the tag).
deb_extract() {
  local pkg=$1 dir=$2 ver d deb out
  ver=$(pkg_versions "$pkg" | sed "s/^$pkg://")
  d=$CACHE/debs/$pkg-${ver//[^A-Za-z0-9.+~-]/_}
  deb=$(find "$d" -name '*.deb' 2>/dev/null | head -n1 || true)
  if [ -z "$deb" ]; then
    mkdir -p "$d"
    # As root apt warns that _apt cannot write here; only a failure matters.
    out=$(cd "$d" && apt-get download -q "$pkg" 2>&1) || die "apt-get download $pkg failed (apt-get update?): $out"
    deb=$(find "$d" -name '*.deb' | head -n1)
  fi
  dpkg-deb -x "$deb" "$dir"
}

# Imports a rootfs directory as an image with the given tag and Dockerfile changes.
import_rootfs() {
  local dir=$1 tag=$2; shift 2
  local changes=(--change "LABEL $OWNER_LABEL") c
  for c in "$@"; do changes+=(--change "$c"); done
  stable_tar "$dir" | docker import "${changes[@]}" - "$tag" >/dev/null || die "docker import $tag failed"
}

# ---- base: jlink ---------------------------------------------------------------
# The multiarch library directory (e.g. /lib/x86_64-linux-gnu) that the JDK's libc comes from.
host_libdir() {
  local libc
  libc=$(ldd "$1/lib/server/libjvm.so" | awk '/libc\.so\.6 =>/{print $3}')
  [ -n "$libc" ] || die "cannot find the glibc that $1 links against"
  dirname "$libc"
}

build_base_jlink() {
  local jdk=$1 tag=$2 work=$3 root lib f libdir
  root=$work/rootfs
  libdir=$(host_libdir "$jdk")
  rm -rf "$work"; mkdir -p "$root"/usr/bin "$root$libdir" "$root"/usr/lib64 \
    "$root"/etc "$root"/tmp "$root"/root "$root"/opt
  # usrmerge layout, as in Debian, so /bin/sh and /lib64/ld-linux-* resolve.
  ln -s usr/bin "$root/bin"; ln -s usr/bin "$root/sbin"; ln -s usr/lib "$root/lib"; ln -s usr/lib64 "$root/lib64"
  chmod 1777 "$root/tmp"
  # The CDS archive cuts JVM start-up by ~20 ms (~40%): the probe is exec'd many times.
  "$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$JLINK_MODULES" \
    --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
    --output "$root/opt/java" >&2 \
    || die "jlink failed"
  ln -s ../../opt/java/bin/java "$root/usr/bin/java"
  # busybox-static: sh and the usual applets, no libraries needed.
  deb_extract busybox-static "$work/bb"
  cp "$work/bb/bin/busybox" "$root/usr/bin/busybox"
  for f in $("$root/usr/bin/busybox" --list); do
    [ -e "$root/usr/bin/$f" ] || ln -s busybox "$root/usr/bin/$f"
  done
  # GNU mv, as Debian-based images have: the probe's mv cells are about GNU mv (its -T, its copy
  # after EXDEV); busybox's mv -T means something else. Its libraries are copied below.
  rm -f "$root/usr/bin/mv"
  cp -L "$(command -v mv)" "$root/usr/bin/mv"
  # glibc and friends: whatever the runtime's ELF files (and mv) link against, plus the libc
  # pieces that jnr-ffi/jffi dlopen by name at run time.
  { find "$root/opt/java" "$root/usr/bin/mv" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
      | awk '/=> \//{print $3} /^\t\/.*ld-linux/{print $1}'
    for lib in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libutil.so.1 libresolv.so.2 libnss_dns.so.2; do
      ls "$libdir/$lib" 2>/dev/null || true
    done
  } | sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf '%s\n' "$libdir" >"$root/etc/ld.so.conf"
  ldconfig -r "$root" 2>/dev/null || true
  "$root/opt/java/bin/java" -version >/dev/null 2>&1 || die "the jlink runtime does not start on the host"
  import_rootfs "$root" "$tag" 'ENV PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin' 'ENV JAVA_HOME=/opt/java' \
    "LABEL $JLINK_LABEL=$JLINK_MODULES" 'CMD ["java","-version"]'
  rm -rf "$work"
}

# ---- base: debootstrap -----------------------------------------------------------
# Unmounts whatever is mounted below $1, deepest first: before a tree is slimmed or removed (rm -rf
# would descend into a bind of /dev), also when an earlier build was killed with its mounts in place.
umount_below() {
  local m
  [ -d "$1" ] || return 0
  awk -v d="$(readlink -f "$1")/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo | sort -r \
    | while read -r m; do umount -l "$m" || say "cannot unmount $m"; done
}

# debootstrap_rootfs DIR INCLUDE [SUITE] [APT]: a minbase of SUITE with INCLUDE; APT (comma-separated)
# is installed afterwards by apt inside the tree, for packages whose dependencies debootstrap's resolver
# cannot settle (it ignores Provides: Debian's npm needs a node-* package that only another provides).
debootstrap_rootfs() {
  local dir=$1 include=$2 suite=${3:-$(debian_suite)} apt=${4:-} log rc=0
  log=$CACHE/debootstrap-$suite.log
  command -v debootstrap >/dev/null || die "debootstrap missing (run install-engine.sh)"
  umount_below "$dir"; rm -rf --one-file-system "$dir"; mkdir -p "$dir" "$CACHE/debootstrap-debs"
  # --cache-dir keeps the .debs: a rebuild with a new recipe does not download again.
  debootstrap --variant=minbase --components="$(debian_components)" --include="$include" --cache-dir="$CACHE/debootstrap-debs" \
    "$suite" "$dir" "$(debian_mirror)" >"$log" 2>&1 \
    || die "debootstrap of $suite failed (see $log)"
  if [ -n "$apt" ]; then
    # The lists debootstrap left (the mirror and suite it used) and its .deb cache as apt's archives.
    trap 'umount_below "$dir"; exit 143' INT TERM HUP
    mount -t proc proc "$dir/proc" && mount --bind /dev "$dir/dev" \
      && mount --bind "$CACHE/debootstrap-debs" "$dir/var/cache/apt/archives" || rc=$?
    [ $rc -ne 0 ] || DEBIAN_FRONTEND=noninteractive chroot "$dir" apt-get -q -y -o APT::Sandbox::User=root \
      install --no-install-recommends ${apt//,/ } >>"$log" 2>&1 || rc=$?
    umount_below "$dir"; trap - INT TERM HUP
    [ $rc -eq 0 ] || die "apt-get install ${apt//,/ } in the $suite tree failed (see $log)"
  fi
  # Slim the image: apt lists, docs and caches are not needed at run time.
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb "$dir"/usr/share/doc/* \
    "$dir"/usr/share/man/* "$dir"/usr/share/locale/* "$dir"/var/log/*
  : >"$dir/etc/machine-id"
}

build_base_debootstrap() {
  local tag=$1 work=$2
  debootstrap_rootfs "$work/rootfs" openjdk-17-jre-headless,busybox
  import_rootfs "$work/rootfs" "$tag" 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'CMD ["java","-version"]'
  rm -rf "$work"
}

base_tag() {
  local h jdk
  if [ -n "${FSCONFORM_BASE_IMAGE:-}" ]; then
    if ! have_image "$FSCONFORM_BASE_IMAGE"; then
      say "pulling $FSCONFORM_BASE_IMAGE"
      docker pull -q "$FSCONFORM_BASE_IMAGE" >&2 || die "base image $FSCONFORM_BASE_IMAGE neither local nor pullable"
    fi
    h=$(docker image inspect -f '{{.Id}}' "$FSCONFORM_BASE_IMAGE" | h12)
    BASE_TAG=fsconform/base:ext-$h
    have_image "$BASE_TAG" || docker tag "$FSCONFORM_BASE_IMAGE" "$BASE_TAG"
    return
  fi
  case $BASE_KIND in
    jlink)
      jdk=$(find_jdk17)
      # Inputs: recipe code, module list, the JDK (release + java.base.jmod), the
      # host glibc, and the busybox-static version.
      h=$( { declare -f build_base_jlink host_libdir deb_extract import_rootfs stable_tar; echo "$JLINK_MODULES"
             cat "$jdk/release"; sha256sum "$jdk/jmods/java.base.jmod" "$(command -v mv)" "$(host_libdir "$jdk")"/libc.so.6 \
               "$(host_libdir "$jdk")"/libstdc++.so.6 | cut -d' ' -f1; pkg_versions busybox-static; } | h12)
      BASE_TAG=fsconform/base:$h
      exists "$BASE_TAG" && { say "base $BASE_TAG exists"; return; }
      build_lock .lock; exists "$BASE_TAG" && { say "base $BASE_TAG was built meanwhile"; build_unlock; return; }
      say "building $BASE_TAG (jlink from $jdk)"
      build_base_jlink "$jdk" "$BASE_TAG" "$CACHE/work-base"; build_unlock ;;
    debootstrap)
      h=$( { declare -f build_base_debootstrap debootstrap_rootfs import_rootfs stable_tar; debian_suite; debian_mirror
             debian_components
             pkg_versions openjdk-17-jre-headless busybox libc6; } | h12)
      BASE_TAG=fsconform/base:$h
      exists "$BASE_TAG" && { say "base $BASE_TAG exists"; return; }
      build_lock .lock; exists "$BASE_TAG" && { say "base $BASE_TAG was built meanwhile"; build_unlock; return; }
      say "building $BASE_TAG (debootstrap)"
      build_base_debootstrap "$BASE_TAG" "$CACHE/work-base-deb"; build_unlock ;;
    *) die "FSCONFORM_BASE must be jlink or debootstrap, not '$BASE_KIND'" ;;
  esac
}

# ---- probe -----------------------------------------------------------------------
PROBE_DOCKERFILE='ARG BASE
FROM ${BASE}
# The seed tree gets a layer of its own, below the jar: in every container it is a lower
# layer, which is what the overlay rename cases need. The probe runs in /seed and finds it
# at /seed/fsconform-seed (its default --seeds).
COPY seed/ /seed/
COPY fsconform.jar /opt/fsconform/fsconform.jar
LABEL dev.fsconform.owner=fsconform
CMD ["java","-jar","/opt/fsconform/fsconform.jar"]'

# A Java 17+ on this machine to write the seed tree with (the jar's own `seed` command).
host_java() {
  local c
  for c in "${FSCONFORM_JDK:-}" "${JAVA_HOME:-}"; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] && { echo "$c/bin/java"; return; }
  done
  command -v java || die "no java on PATH to write the seed tree with (set JAVA_HOME)"
}

# The modules the jar needs (jdeps) must all be in a jlink base; other bases are full JREs.
check_modules() {
  local jar=$1 have need m missing=()
  have=$(docker image inspect -f "{{index .Config.Labels \"$JLINK_LABEL\"}}" "$BASE_TAG")
  [ -n "$have" ] && [ "$have" != '<no value>' ] || return 0
  command -v jdeps >/dev/null || { say "no jdeps: module list of $BASE_TAG not checked"; return 0; }
  need=$(jdeps --print-module-deps --ignore-missing-deps "$jar" 2>/dev/null) || { say "jdeps failed: not checked"; return 0; }
  for m in ${need//,/ }; do
    case ",$have," in *",$m,"*) ;; *) missing+=("$m") ;; esac
  done
  [ ${#missing[@]} -eq 0 ] || die "the jar needs modules the jlink base lacks: ${missing[*]} (add them to FSCONFORM_JLINK_MODULES)"
}

probe_tag() {
  local jar=$1 h ctx out
  [ -n "$jar" ] || die "the probe image needs the jar: --jar target/fsconform.jar"
  [ -f "$jar" ] || die "probe jar not found: $jar (build it with mvn package)"
  # The seed tree is a function of the jar, so the jar's hash covers it.
  h=$( { echo "$BASE_TAG"; echo "$PROBE_DOCKERFILE"; declare -f probe_tag stable_tar; sha256sum <"$jar"; } | h12)
  PROBE_TAG=${PROBE_REPO:-fsconform/probe}:$h
  exists "$PROBE_TAG" && { say "probe $PROBE_TAG exists"; return; }
  build_lock .lock-probe; exists "$PROBE_TAG" && { say "probe $PROBE_TAG was built meanwhile"; build_unlock; return; }
  check_modules "$jar"
  say "building $PROBE_TAG"
  ctx=$CACHE/work-probe-$$
  rm -rf "$ctx"; mkdir -p "$ctx/seed"
  out=$("$(host_java)" -jar "$jar" seed "$ctx/seed" 2>&1) || die "writing the seed tree failed: $out"
  cp "$jar" "$ctx/fsconform.jar"
  printf '%s\n' "$PROBE_DOCKERFILE" >"$ctx/Dockerfile"
  # Fixed mtimes: the layer content then depends on the tree alone.
  find "$ctx" -exec touch -h -d @0 {} +
  # Output only on failure (the legacy builder also prints a deprecation notice).
  out=$(docker build -q --build-arg "BASE=$BASE_TAG" -t "$PROBE_TAG" "$ctx" 2>&1) \
    || { rm -rf "$ctx"; die "docker build of the probe image failed: $out"; }
  rm -rf "$ctx"
  prune_old "${PROBE_REPO:-fsconform/probe}" "$PROBES_KEPT"
  build_unlock
}

# Every jar change makes a probe image (and a recipe or Debian update a dind image): keep the newest
# few, which other checkouts may use, and every image a live run was given; drop the others. Lists of
# runs that are gone are dropped too. Without -f, docker refuses an image a container still uses.
PROBES_KEPT=${FSCONFORM_PROBE_IMAGES_KEPT:-4}
prune_old() {
  local f live=$'/\n'
  flock 8
  for f in "$PINS"/*; do
    [ -f "$f" ] || continue
    if owner_alive "${f##*/}" "$f"; then live+=$(cat "$f")$'\n'; else rm -f "$f"; fi
  done
  docker image ls --format '{{.CreatedAt}}\t{{.Repository}}:{{.Tag}}' "$1" | sort -r \
    | tail -n +"$(($2 + 1))" | cut -f2 | { grep -vxF -e "${live%$'\n'}" || true; } \
    | xargs -r docker rmi >/dev/null 2>&1 || true
  flock -u 8
}

# ---- probe-apps -----------------------------------------------------------------
APPS_PACKAGES=git,python3,python3-pip,python3-setuptools,python3-wheel,rsync,sqlite3,strace,ccache,gcc
# Installed by apt inside the tree (debootstrap_rootfs explains why): npm brings the suite's Node.js.
APPS_APT=npm
# The Debian system with the tools, then the base's Java runtime copied over it (the host's glibc is
# this suite's, so the jlink runtime runs), then pnpm (not in Debian: the host's own, when it has one),
# then the probe's own two layers.
APPS_DOCKERFILE='ARG BASE
ARG TOOLS
FROM ${BASE} AS jre
FROM ${TOOLS}
COPY --from=jre /opt/java /opt/java
COPY node_modules/ /usr/local/lib/node_modules/
RUN if [ -d /usr/local/lib/node_modules/pnpm ]; then ln -s ../lib/node_modules/pnpm/bin/pnpm.cjs /usr/local/bin/pnpm; fi
# debootstrap leaves most of Python without bytecode: every fresh container would compile pip and the
# modules it imports on each run (hundreds of renames in the trace, seconds per job). A test file or two
# of the standard library does not compile; that is no failure of the image.
RUN python3 -m compileall -q -j 0 /usr/lib/python3/dist-packages "$(python3 -c "import sysconfig; print(sysconfig.get_paths()[\"stdlib\"])")" >/dev/null || true
ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin JAVA_HOME=/opt/java
LABEL dev.fsconform.owner=fsconform'
apps_tools_tag() {
  local h
  h=$( { declare -f apps_tools_tag debootstrap_rootfs umount_below import_rootfs stable_tar; echo "$APPS_PACKAGES $APPS_APT"
         debian_suite; debian_mirror; debian_components; suite_pkg_versions ${APPS_PACKAGES//,/ } ${APPS_APT//,/ } nodejs libc6; } | h12)
  TOOLS_TAG=fsconform/apps-tools:$h
  exists "$TOOLS_TAG" && { say "apps-tools $TOOLS_TAG exists"; return; }
  build_lock .lock; exists "$TOOLS_TAG" && { say "apps-tools $TOOLS_TAG was built meanwhile"; build_unlock; return; }
  say "building $TOOLS_TAG (debootstrap of $(debian_suite) with the app tools, takes a few minutes)"
  debootstrap_rootfs "$CACHE/work-apps/rootfs" "$APPS_PACKAGES" "$(debian_suite)" "$APPS_APT"
  import_rootfs "$CACHE/work-apps/rootfs" "$TOOLS_TAG"
  rm -rf "$CACHE/work-apps"
  prune_old fsconform/apps-tools 2
  build_unlock
}
# The host's pnpm (npm's global root; .ci/run installs it from the npm registry): its package directory
# when there is one. Its files and version key the apps-base tag, so a new pnpm makes a new image.
host_pnpm() {
  local root
  root=$(npm root -g 2>/dev/null) || return 0
  [ -f "$root/pnpm/package.json" ] && [ -f "$root/pnpm/bin/pnpm.cjs" ] && echo "$root/pnpm"
  return 0
}
probe_apps_tag() {
  local jar=$1 h tools ctx out pnpm pnpm_version=''
  [ "$BASE_KIND" = jlink ] && [ -z "${FSCONFORM_BASE_IMAGE:-}" ] || die "probe-apps needs the jlink base"
  apps_tools_tag
  tools=$TOOLS_TAG
  pnpm=$(host_pnpm)
  [ -z "$pnpm" ] || pnpm_version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$pnpm/package.json")
  h=$( { echo "$BASE_TAG $tools"; echo "$APPS_DOCKERFILE"
         if [ -n "$pnpm" ]; then echo "pnpm $pnpm_version"; stable_tar "$pnpm" | sha256sum; fi; } | h12)
  local apps_base=fsconform/apps-base:$h
  if ! exists "$apps_base" && { build_lock .lock-probe; ! exists "$apps_base"; }; then
    if [ -n "$pnpm" ]; then say "building $apps_base (pnpm $pnpm_version from $pnpm)"
    else say "building $apps_base (no pnpm on this machine: the image has none, its cells are SKIPPED)"; fi
    ctx=$CACHE/work-apps-base-$$
    rm -rf "$ctx"; mkdir -p "$ctx/node_modules"
    [ -z "$pnpm" ] || cp -a "$pnpm" "$ctx/node_modules/pnpm"
    printf '%s\n' "$APPS_DOCKERFILE" >"$ctx/Dockerfile"
    out=$(docker build -q --network none --build-arg "BASE=$BASE_TAG" --build-arg "TOOLS=$tools" -t "$apps_base" "$ctx" 2>&1) \
      || { rm -rf "$ctx"; die "docker build of $apps_base failed: $out"; }
    rm -rf "$ctx"
    prune_old fsconform/apps-base 2
  fi
  build_unlock
  # The probe recipe on the apps base: the same seed and jar layers as the plain probe image.
  local plain_probe=${PROBE_TAG:-}
  BASE_TAG=$apps_base PROBE_REPO=fsconform/probe-apps probe_tag "$jar"
  APPS_TAG=$PROBE_TAG PROBE_TAG=$plain_probe
}

# ---- dind ------------------------------------------------------------------------
DIND_PACKAGES=docker.io,crun,fuse-overlayfs,btrfs-progs,xfsprogs,e2fsprogs,iptables,procps,util-linux,mount,tini
build_dind() {
  local tag=$1 work=$2 suite=$3 packages=$4
  debootstrap_rootfs "$work/rootfs" "$packages" "$suite"
  install -m 0755 "$HERE/dind-entrypoint.sh" "$work/rootfs/usr/local/bin/fsconform-dind"
  import_rootfs "$work/rootfs" "$tag" 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    'ENTRYPOINT ["/usr/bin/tini","--","/usr/local/bin/fsconform-dind"]'
  rm -rf "$work"
}

# Candidate versions in another suite: its own package lists, kept apart from the host's.
suite_versions() {
  local suite=$1; shift
  "$HERE/../debian/apt-suite.sh" "$suite" update || die "cannot read the package lists of $suite"
  "$HERE/../debian/apt-suite.sh" "$suite" policy "$@" 2>/dev/null | awk '/^[^ ]/{p=$1} /Candidate:/{print p $2}'
}

# dind_tag [SUITE]: the host's suite gives fsconform/dind, another one fsconform/dind-SUITE.
dind_tag() {
  local suite=${1:-$(debian_suite)} repo=fsconform/dind h versions packages=$DIND_PACKAGES
  case $suite in *[!a-z0-9-]*|'') die "not a Debian suite name: '$suite'" ;; esac
  if [ "$suite" = "$(debian_suite)" ]; then versions=$(pkg_versions ${packages//,/ })
  else
    repo=fsconform/dind-$suite
    # From trixie on the docker CLI is a package of its own, only recommended by docker.io.
    if suite_versions "$suite" docker-cli | grep -q '^docker-cli:[0-9]'; then packages+=,docker-cli; fi
    versions=$(suite_versions "$suite" ${packages//,/ })
  fi
  h=$( { declare -f build_dind debootstrap_rootfs import_rootfs stable_tar; echo "$packages"; echo "$suite"
         debian_mirror; debian_components; cat "$HERE/dind-entrypoint.sh"; echo "$versions"; } | h12)
  DIND_TAG=$repo:$h
  exists "$DIND_TAG" && { say "dind $DIND_TAG exists"; return; }
  build_lock .lock; exists "$DIND_TAG" && { say "dind $DIND_TAG was built meanwhile"; build_unlock; return; }
  say "building $DIND_TAG (debootstrap of $suite, takes a few minutes)"
  build_dind "$DIND_TAG" "$CACHE/work-dind-$suite" "$suite" "$packages"
  prune_old "$repo" 2
  build_unlock
}

# ---- kernel guests ---------------------------------------------------------------
# The second line is what build-kernel.sh needs besides the minbase's apt and dpkg: the kernel builder
# runs in this image too (-Dfsconform.kernels.builder=image).
KERNEL_TOOLS_PACKAGES=qemu-system-x86,seabios,util-linux,mount,e2fsprogs,xfsprogs,btrfs-progs,fuse-overlayfs,fuse3,kmod,procps
KERNEL_TOOLS_PACKAGES+=,busybox-static,xz-utils,zstd,debian-archive-keyring
kernel_tools_tag() {
  local h
  h=$( { declare -f kernel_tools_tag debootstrap_rootfs import_rootfs stable_tar; echo "$KERNEL_TOOLS_PACKAGES"; debian_suite
         debian_mirror; debian_components; pkg_versions ${KERNEL_TOOLS_PACKAGES//,/ } libc6; } | h12)
  KTOOLS_TAG=fsconform/kernel-tools:$h
  exists "$KTOOLS_TAG" && { say "kernel-tools $KTOOLS_TAG exists"; return; }
  build_lock .lock; exists "$KTOOLS_TAG" && { say "kernel-tools $KTOOLS_TAG was built meanwhile"; build_unlock; return; }
  say "building $KTOOLS_TAG (debootstrap of $(debian_suite) with QEMU, takes a few minutes)"
  debootstrap_rootfs "$CACHE/work-kernel-tools/rootfs" "$KERNEL_TOOLS_PACKAGES"
  import_rootfs "$CACHE/work-kernel-tools/rootfs" "$KTOOLS_TAG" 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  rm -rf "$CACHE/work-kernel-tools"
  prune_old fsconform/kernel-tools 1
  build_unlock
}
# The dump runs at build time with the image's own Java and jar path: CDS maps an archive only for
# the jar it was dumped from (path, size, time) and the runtime that dumped it. A failed dump only
# costs the guest's JVM its speed-up, as on the host.
KERNEL_DOCKERFILE='ARG BASE
ARG TOOLS
FROM ${BASE} AS jre
FROM ${TOOLS}
COPY --from=jre /opt/java /opt/java
COPY vmlinuz initramfs.gz /opt/fsconform/kernel/
COPY fsconform.jar /opt/fsconform/fsconform.jar
COPY cds-dump /opt/fsconform/cds-dump
RUN mkdir -p /tmp/cds-train && { sh /opt/fsconform/cds-dump >/tmp/cds-train/dump.log 2>&1 || tail -n 3 /tmp/cds-train/dump.log; } \
    && rm -rf /tmp/cds-train /opt/fsconform/cds-dump
ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin JAVA_HOME=/opt/java
LABEL dev.fsconform.owner=fsconform'
# kernel_tag NAME DIR JAR: one kernel of the cache as an image; prints nothing, sets KERNEL_TAG.
kernel_tag() {
  local name=$1 dir=$2 jar=$3 h ctx out repo
  case $name in *[!a-z0-9.]*|'') die "not a kernel name: '$name'" ;; esac
  [ -f "$dir/vmlinuz" ] && [ -f "$dir/initramfs.gz" ] || die "no built kernel in $dir (vmlinuz, initramfs.gz)"
  [ -n "$jar" ] && [ -f "$jar" ] || die "a kernel image needs the jar: --jar target/fsconform.jar"
  [ -n "${FSCONFORM_CDS_DUMP:-}" ] || die "a kernel image needs FSCONFORM_CDS_DUMP (fsconform matrix passes it)"
  [ "$BASE_KIND" = jlink ] && [ -z "${FSCONFORM_BASE_IMAGE:-}" ] || die "kernel images need the jlink base"
  kernel_tools_tag
  repo=fsconform/kernel-$name
  h=$( { echo "$BASE_TAG $KTOOLS_TAG"; echo "$KERNEL_DOCKERFILE"; echo "$FSCONFORM_CDS_DUMP"; declare -f kernel_tag
         sha256sum <"$dir/vmlinuz"; sha256sum <"$dir/initramfs.gz"; sha256sum <"$jar"; } | h12)
  KERNEL_TAG=$repo:$h
  exists "$KERNEL_TAG" && { say "kernel $KERNEL_TAG exists"; return; }
  build_lock .lock-probe; exists "$KERNEL_TAG" && { say "kernel $KERNEL_TAG was built meanwhile"; build_unlock; return; }
  say "building $KERNEL_TAG (kernel, jar and its class-data archive)"
  ctx=$CACHE/work-kernel-$$
  rm -rf "$ctx"; mkdir -p "$ctx"
  cp "$dir/vmlinuz" "$dir/initramfs.gz" "$ctx/"
  cp "$jar" "$ctx/fsconform.jar"
  printf '%s\n' "$FSCONFORM_CDS_DUMP" >"$ctx/cds-dump"
  printf '%s\n' "$KERNEL_DOCKERFILE" >"$ctx/Dockerfile"
  # Fixed times: the archive is checked against the jar's, and the layers depend on the content alone.
  find "$ctx" -exec touch -h -d @0 {} +
  out=$(docker build -q --network none --build-arg "BASE=$BASE_TAG" --build-arg "TOOLS=$KTOOLS_TAG" -t "$KERNEL_TAG" "$ctx" 2>&1) \
    || { rm -rf "$ctx"; die "docker build of $KERNEL_TAG failed: $out"; }
  rm -rf "$ctx"
  prune_old "$repo" 2
  build_unlock
}

# ---- main ------------------------------------------------------------------------
JAR='' WANT=()
while [ $# -gt 0 ]; do
  case $1 in
    --jar) JAR=${2:?--jar needs a path}; shift 2 ;;
    base|probe|probe-apps|apps-tools|dind|dind:*|kernel-tools|kernel:*=*) WANT+=("$1"); shift ;;
    all) WANT+=(base probe dind); shift ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0" >&2; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[ ${#WANT[@]} -gt 0 ] || WANT=(base)

for w in "${WANT[@]}"; do
  case $w in
    base) base_tag; echo "base=$BASE_TAG" ;;
    probe) [ -n "${BASE_TAG:-}" ] || base_tag; probe_tag "$JAR"; echo "probe=$PROBE_TAG" ;;
    probe-apps) [ -n "${BASE_TAG:-}" ] || base_tag; probe_apps_tag "$JAR"; echo "probe-apps=$APPS_TAG" ;;
    apps-tools) apps_tools_tag; echo "apps-tools=$TOOLS_TAG" ;;
    dind) dind_tag; echo "dind=$DIND_TAG" ;;
    dind:*) dind_tag "${w#dind:}"; echo "$w=$DIND_TAG" ;;
    kernel-tools) kernel_tools_tag; echo "kernel-tools=$KTOOLS_TAG" ;;
    kernel:*=*) [ -n "${BASE_TAG:-}" ] || base_tag; w=${w#kernel:}; kernel_tag "${w%%=*}" "${w#*=}" "$JAR"; echo "kernel:${w%%=*}=$KERNEL_TAG" ;;
  esac
done
