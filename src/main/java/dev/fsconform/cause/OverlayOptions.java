package dev.fsconform.cause;

import dev.fsconform.result.MountFacts;

/**
 * The overlay options that decide whether a lower directory may move and whether inode numbers stay
 * uniform, read once from the superblock and mount options. mountinfo shows redirect_dir and xino
 * only when they differ from the kernel default, and that default is a build-time choice.
 */
record OverlayOptions(String redirectDir, String xino, boolean userxattr) {

    static OverlayOptions of(MountFacts m) {
        String opts = m == null ? "" : (m.superOptions() == null ? "" : m.superOptions()) + ","
                + (m.mountOptions() == null ? "" : m.mountOptions());
        String redirect = null;
        String xino = null;
        boolean userxattr = false;
        for (String o : opts.split(",")) {
            if (o.startsWith("redirect_dir=")) {
                redirect = o.substring("redirect_dir=".length());
            } else if (o.startsWith("xino=") && xino == null) {
                xino = o.substring("xino=".length());
            } else if (o.equals("userxattr")) {
                userxattr = true;
            }
        }
        return new OverlayOptions(redirect, xino, userxattr);
    }

    /** Only "on" lets overlayfs rename a lower directory; follow/nofollow/off do not. */
    boolean redirectOn() {
        return "on".equals(redirectDir) && !userxattr;
    }

    /** With xino=on the kernel promises one inode number per object across layers. */
    boolean xinoOn() {
        return "on".equals(xino);
    }

    String describe() {
        String base = redirectDir != null
                ? "redirect_dir=" + redirectDir + " in the mount's options (only redirect_dir=on lets a lower directory move)"
                : "redirect_dir absent from mountinfo: the kernel default is in force, and that default is build-config dependent "
                        + "(CONFIG_OVERLAY_FS_REDIRECT_DIR, or the overlay.redirect_dir module parameter)";
        return userxattr ? base + "; userxattr is set, which forces redirect_dir off" : base;
    }
}
