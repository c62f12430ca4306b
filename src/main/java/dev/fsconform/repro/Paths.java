package dev.fsconform.repro;

import dev.fsconform.scenario.Placement;

/** The fixture's names as a reproduction uses them: {@code a/src} and {@code a|b|m/b} + {@code /dst}. */
final class Paths {
    static final String SOURCE_DIR = "a";
    static final String SOURCE = "a/src";

    private Paths() {
    }

    static String targetDir(Placement p) {
        switch (p) {
            case SAME_DIR: return "a";
            case CROSS_DIR: return "b";
            default: return "m/b";
        }
    }

    static String target(Placement p) {
        return targetDir(p) + "/dst";
    }
}
