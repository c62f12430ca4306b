package dev.fsconform.env;

import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.Errno;
import dev.fsconform.sys.Posix;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the kernel whether it accepts a filesystem's mount options, and if not, why, in its own words.
 * mount(8) from util-linux 2.38 only says "wrong fs type, bad option"; the kernel's reason goes to
 * dmesg. An fs context (fsopen + fsconfig + CMD_CREATE) returns the reason on its descriptor when
 * the filesystem logs through it, and closing it without fsmount(2) leaves nothing mounted anywhere.
 * overlayfs still logs most option conflicts with pr_err, so the kernel log written meanwhile is
 * read too ({@link KernelLog}).
 */
final class KernelOptionCheck {
    private KernelOptionCheck() {
    }

    /** Null when the kernel accepts {@code options} (mount -o syntax), else the kernel's complaint. */
    static String refusal(String fsType, String options) {
        try (KernelLog log = KernelLog.mark()) {
            String refusal = attempt(Posix.get(), fsType, options);
            if (refusal == null) {
                return null;
            }
            String logged = log.lines(fsType);
            return logged.isEmpty() ? refusal : logged + " (" + refusal + ")";
        }
    }

    private static String attempt(Posix posix, String fsType, String options) {
        CallResult open = posix.fsopen(fsType);
        if (!open.succeeded()) {
            return "fsopen(" + fsType + ") failed: " + open.errno().name();
        }
        int fd = open.fd();
        try {
            for (String opt : split(options)) {
                int eq = opt.indexOf('=');
                CallResult r = eq < 0 ? posix.fsconfigSet(fd, opt, null)
                        : posix.fsconfigSet(fd, opt.substring(0, eq), opt.substring(eq + 1));
                if (!r.succeeded()) {
                    return complaint(posix, fd, r.errno(), "option " + opt);
                }
            }
            CallResult create = posix.fsconfigCreate(fd);
            if (!create.succeeded()) {
                return complaint(posix, fd, create.errno(), "creating the superblock");
            }
            return null;
        } finally {
            posix.close(fd);
        }
    }

    private static String complaint(Posix posix, int fd, Errno errno, String step) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String m = posix.readOnce(fd, 1024).strip();
            if (m.isEmpty()) {
                break;
            }
            // Each message starts with its severity: "e " error, "w " warning, "i " info.
            messages.add(m.length() > 2 && m.charAt(1) == ' ' ? m.substring(2) : m);
        }
        String name = errno.name();
        return messages.isEmpty() ? step + " failed with " + name : String.join("; ", messages) + " (" + name + ")";
    }

    private static List<String> split(String options) {
        List<String> out = new ArrayList<>();
        for (String o : options.split(",")) {
            if (!o.isBlank()) {
                out.add(o.strip());
            }
        }
        return out;
    }
}
