package dev.fsconform.result;

/**
 * Where the two parents of a cell lived, measured before the call: the raw evidence for
 * mount-boundary and filesystem-type causes (mount ids differ even where st_dev is equal).
 */
public record Where(long sourceMountId, long targetMountId, String sourceDev, String targetDev,
                    String sourceFs, String targetFs, boolean seeded) {

    public Boundary boundary() {
        return Boundary.of(this);
    }

    public boolean sameMount() {
        return sourceMountId == targetMountId && java.util.Objects.equals(sourceDev, targetDev);
    }
}
