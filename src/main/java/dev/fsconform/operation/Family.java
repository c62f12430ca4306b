package dev.fsconform.operation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The named sets of operations that expectation rows ({@code ops: [@rename-all]}), cause rules and views
 * speak of. Membership is data on each {@link Operation}, so a new operation joins its families where it
 * is declared.
 */
public enum Family {
    RENAME("rename"),
    SIMPLE_MOVE("simple-move"),
    RENAME_ALL("rename-all"),
    RENAMEAT2_ALL("renameat2-all"),
    LINK("link"),
    NATIVE("native"),
    FILES_MOVE("files-move-all"),
    JAVA_COPYING("java-copying"),
    COPYING("copying");

    private final String id;

    Family(String id) {
        this.id = id;
    }

    /** The name a table writes after {@code @}. */
    public String id() {
        return id;
    }

    /** Its operations, in declaration order. */
    public List<Operation> members() {
        return Arrays.stream(Operation.values()).filter(o -> o.in(this)).toList();
    }

    /** The ids of its operations, as results files carry them. */
    public Set<String> ids() {
        return members().stream().map(Operation::id).collect(Collectors.toUnmodifiableSet());
    }

    public boolean contains(String operationId) {
        return Operation.byId(operationId).map(o -> o.in(this)).orElse(false);
    }

    public static Optional<Family> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
