package dev.fsconform.sys;

/** File types the probe distinguishes; WHITEOUT is overlayfs's 0:0 character device. */
public enum FileKind {
    ABSENT, FILE, DIR, SYMLINK, WHITEOUT, CHAR, OTHER;

    static FileKind fromMode(int mode, int rdevMajor, int rdevMinor) {
        switch (mode & 0xF000) {
            case 0x8000: return FILE;
            case 0x4000: return DIR;
            case 0xA000: return SYMLINK;
            case 0x2000: return rdevMajor == 0 && rdevMinor == 0 ? WHITEOUT : CHAR;
            default: return OTHER;
        }
    }
}
