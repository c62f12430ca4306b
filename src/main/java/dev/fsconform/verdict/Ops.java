package dev.fsconform.verdict;

import dev.fsconform.operation.Family;
import dev.fsconform.operation.Operation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Names a set of operations the way a person would: "rename, renameat2 (every flag), Files.move (every option)". */
final class Ops {
    private static final Set<String> RENAMEAT2 = Family.RENAMEAT2_ALL.ids();
    private static final Set<String> FILES_MOVE = Family.FILES_MOVE.ids();

    private Ops() {
    }

    static String describe(Collection<String> ids) {
        Set<String> set = Set.copyOf(ids);
        List<String> out = new ArrayList<>();
        for (Operation op : Operation.values()) {
            String id = op.id();
            if (!set.contains(id)) {
                continue;
            }
            if (id.equals("renameat2") && set.containsAll(RENAMEAT2)) {
                out.add("renameat2 (every flag)");
            } else if (id.equals("files-move") && set.containsAll(FILES_MOVE)) {
                out.add("Files.move (every option)");
            } else if (!(set.containsAll(RENAMEAT2) && RENAMEAT2.contains(id)) && !(set.containsAll(FILES_MOVE) && FILES_MOVE.contains(id))) {
                out.add(id);
            }
        }
        return String.join(", ", out);
    }
}
