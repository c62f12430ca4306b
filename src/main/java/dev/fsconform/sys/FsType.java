package dev.fsconform.sys;

import java.util.Map;

/** Names for the statfs magic numbers of filesystems that matter for rename semantics. */
public final class FsType {
    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0x01021994L, "tmpfs"),
            Map.entry(0xEF53L, "ext4"),
            Map.entry(0x58465342L, "xfs"),
            Map.entry(0x9123683EL, "btrfs"),
            Map.entry(0x794C7630L, "overlayfs"),
            Map.entry(0x65735546L, "fuse"),
            Map.entry(0x6969L, "nfs"),
            Map.entry(0x01021997L, "9p"),
            Map.entry(0x2FC12FC1L, "zfs"),
            Map.entry(0xF2F52010L, "f2fs"),
            Map.entry(0x5346544EL, "ntfs"),
            Map.entry(0x4D44L, "vfat"),
            Map.entry(0xFF534D42L, "cifs"),
            Map.entry(0x73717368L, "squashfs"),
            Map.entry(0xCA451A4EL, "bcachefs"));

    private FsType() {
    }

    public static String name(long magic) {
        String name = NAMES.get(magic);
        return name != null ? name : String.format("0x%x", magic);
    }
}
