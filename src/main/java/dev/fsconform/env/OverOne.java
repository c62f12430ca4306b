package dev.fsconform.env;

import java.util.Map;

/**
 * A backend made over the directory of one other, {@code of}: it describes itself by that other's
 * description, and is more than one mount itself, so it cannot be the base of another such backend.
 */
sealed interface OverOne extends Backend permits BindPair, ReadOnlyBind {

    /** The backend whose directory this one is made over. */
    Backend of();

    @Override
    default Map<String, String> describe() {
        return of().describedAs("of");
    }

    @Override
    default boolean oneMount() {
        return false;
    }
}
