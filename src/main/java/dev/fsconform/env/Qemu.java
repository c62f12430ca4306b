package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a kernel guest is started: qemu-system-x86_64 with KVM where it really works, TCG otherwise.
 * "Really works" is /dev/kvm usable and a hardware KVM module (kvm_intel, kvm_amd) loaded: a
 * paravirtual substitute (kvm_pvm) opens /dev/kvm but cannot run a stock kernel, so it is not used.
 * -Dfsconform.kernels.accel=kvm|tcg overrides; -Dfsconform.kernels.smp and .memory size the guest.
 * A guest gets two vCPUs, fewer where the guests at once would otherwise outnumber the cores: under
 * emulation each vCPU is a host thread, and two guests of two vCPUs on two cores took half as long
 * again as the same guests one after another.
 *
 * @param accel {@code kvm} or {@code tcg}, recorded in every guest row's fingerprint
 */
record Qemu(String accel, int smp, int memoryMb) {
    /** The tag the guest's init mounts the host's root by, and the one of the results share. */
    static final String ROOT_TAG = "hostroot";
    static final String OUT_TAG = "out";
    /** The tag of the read-only share holding the jar (and its class-data archive) the guest runs. */
    static final String JAR_TAG = "fsconform-jar";

    /** For {@code guests} booted at once. */
    static Qemu detect(int guests) {
        String forced = System.getProperty("fsconform.kernels.accel", "");
        String accel = forced.equals("kvm") || forced.equals("tcg") ? forced : kvmWorks() ? "kvm" : "tcg";
        return new Qemu(accel, Integer.getInteger("fsconform.kernels.smp", smp(Runtime.getRuntime().availableProcessors(), guests)),
                Integer.getInteger("fsconform.kernels.memory", 2048));
    }

    static int smp(int cores, int guests) {
        return Math.max(1, Math.min(2, cores / guests));
    }

    /** One guest per core, as long as their memory takes at most half of the host's (unknown: one per core). */
    static int guestsThatFit(int cores, long hostMemoryMb) {
        int memory = Integer.getInteger("fsconform.kernels.memory", 2048);
        long byMemory = hostMemoryMb <= 0 ? cores : hostMemoryMb / 2 / Math.max(1, memory);
        return (int) Math.max(1, Math.min(cores, byMemory));
    }

    /** MemTotal of /proc/meminfo in MiB, or 0 where it cannot be read. */
    static long hostMemoryMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unknown: the cores decide alone.
        }
        return 0;
    }

    private static boolean kvmWorks() {
        Path kvm = Path.of("/dev/kvm");
        return Files.isReadable(kvm) && Files.isWritable(kvm)
                && (Files.isDirectory(Path.of("/sys/module/kvm_intel")) || Files.isDirectory(Path.of("/sys/module/kvm_amd")));
    }

    /**
     * The launcher's root (the host's, or the kernel image's container's) read-only (multidevs=remap:
     * its submounts keep distinct inode numbers), the
     * results directory writable, the jar's directory read-only, the console into a file; no
     * network, no display, no firmware option ROMs beyond what -kernel needs, and no reboot: the
     * guest's power-off ends QEMU.
     */
    List<String> argv(KernelLauncher.Guest guest, Path out, Path console) {
        List<String> argv = new ArrayList<>(List.of(guest.qemu().toString(),
                "-machine", "q35,accel=" + accel, "-cpu", accel.equals("kvm") ? "host" : "max",
                "-smp", Integer.toString(smp), "-m", memoryMb + "M",
                "-nodefaults", "-no-user-config", "-no-reboot", "-display", "none", "-monitor", "none",
                "-serial", "file:" + console,
                "-kernel", guest.vmlinuz().toString(), "-initrd", guest.initramfs().toString(),
                // cryptomgr.notests: the kernel's crypto self-tests are a second of emulated boot, and no cell uses crypto.
                "-append", "console=ttyS0 panic=-1 quiet loglevel=3 cryptomgr.notests",
                "-virtfs", "local,path=/,mount_tag=" + ROOT_TAG + ",security_model=none,readonly=on,multidevs=remap",
                "-virtfs", "local,path=" + out + ",mount_tag=" + OUT_TAG + ",security_model=none,multidevs=remap",
                "-virtfs", "local,path=" + guest.jar().getParent() + ",mount_tag=" + JAR_TAG + ",security_model=none,readonly=on"));
        return argv;
    }

    String describe() {
        return "QEMU " + accel + ", " + smp + " vCPU, " + memoryMb + " MiB";
    }
}
