#!/bin/busybox sh
# PID 1 of an fsconform kernel guest, in two stages. Stage 1 (in the initramfs) loads the modules
# the root needs (virtio, 9p, overlay), mounts the host's root (9p, read-only) under a tmpfs overlay
# as the new root, with fresh tmpfs on /tmp, /var/tmp, /run and /dev/shm (the probe never works on
# 9p), and the writable results share on
# /fsconform-guest, then switch_root's into it: a chroot would not do, as nsenter(1) into a mount
# namespace starts from the namespace's real root. Stage 2 loads the other modules (loop, ext4, xfs,
# btrfs, fuse: seconds of emulated module init) while run.sh starts its JVM, which waits for the file
# modules-loaded before it looks at the kernel's filesystems; it powers off when run.sh ends. Every
# line it prints starts with "fsconform-guest:" on the console.
up() { cut -d' ' -f1 /proc/uptime; }
say() { echo "fsconform-guest: $*"; }
load() { # load ORDER DIR: insmod each module listed, in order, from DIR
  while read -r m; do
    t=$(up)
    $bb insmod "$2/$m" 2>/dev/null || say "module $m not loaded"
    [ "${t%.*}" = "$(up | cut -d. -f1)" ] || say "module $m took until $(up)s"
  done < "$1"
}
if [ "$1" = stage2 ]; then
  bb=/run/fsconform-init/busybox
  say "root ready $(up)s"
  (load /run/fsconform-init/modules/order /run/fsconform-init/modules; say "modules loaded $(up)s"
   : > /run/fsconform-init/modules-loaded) &
  # The initramfs's static busybox, not the host's dynamically linked sh: no loader, no libc to map over 9p.
  $bb sh /fsconform-guest/run.sh
  echo "$?" > /fsconform-guest/exit-status
  say "run.sh exited $(cat /fsconform-guest/exit-status) $(up)s"
  $bb sync
  $bb umount /fsconform-guest
  say "poweroff"
  $bb poweroff -f
  exit 0
fi

/bin/busybox mkdir -p /proc /sys /dev /host /up /newroot
/bin/busybox --install -s /bin
export PATH=/bin
mount -t devtmpfs dev /dev 2>/dev/null || mknod -m 600 /dev/console c 5 1
mount -t proc proc /proc
mount -t sysfs sys /sys
say "init $(uname -r) $(up)s"
bb=/bin/busybox
# Up to the last of 9p and overlay (built in where absent): what mounting the root needs.
root=$(grep -nxE '9p\.ko|overlay\.ko' /modules/order | tail -n1 | cut -d: -f1)
head -n "${root:-0}" /modules/order > /root-order
tail -n +"$((${root:-0} + 1))" /modules/order > /rest-order
load /root-order /modules
say "root modules loaded $(up)s"
halt() { sync; say "poweroff"; poweroff -f; sleep 5; echo o > /proc/sysrq-trigger; }
# cache=loose: the root does not change while the guest runs, and the JVM reads its files many times.
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 hostroot /host || { say "cannot mount the host root"; halt; }
mount -t tmpfs -o mode=755 up /up && mkdir -p /up/upper /up/work
mount -t overlay -o lowerdir=/host,upperdir=/up/upper,workdir=/up/work overlay /newroot || { say "cannot mount the root overlay"; halt; }
for d in tmp var/tmp run; do mkdir -p "/newroot/$d"; mount -t tmpfs -o mode=1777 tmpfs "/newroot/$d"; done
mount --move /dev /newroot/dev
mkdir -p /newroot/dev/shm && mount -t tmpfs -o mode=1777 tmpfs /newroot/dev/shm
mount --move /proc /newroot/proc
mount --move /sys /newroot/sys
mount -t securityfs securityfs /newroot/sys/kernel/security 2>/dev/null
mkdir -p /newroot/fsconform-guest
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 out /newroot/fsconform-guest || { say "cannot mount the results share"; halt; }
mkdir -p /newroot/run/fsconform-init/modules && cp /bin/busybox /init /newroot/run/fsconform-init/
# switch_root empties the initramfs: the modules stage 2 loads go along.
while read -r m; do cp "/modules/$m" /newroot/run/fsconform-init/modules/; done < /rest-order
cp /rest-order /newroot/run/fsconform-init/modules/order
exec switch_root /newroot /run/fsconform-init/busybox sh /run/fsconform-init/init stage2
