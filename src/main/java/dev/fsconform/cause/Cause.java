package dev.fsconform.cause;

import java.util.List;

/**
 * Why an environment produced an outcome (EXDEV, or an injected ENOSYS/EPERM/EINVAL): one finding of
 * a rule of the registry {@link Causes}.
 *
 * @param id stable id, one of {@link Causes#ids()}; each has a page docs/causes/ID.md
 * @param title one line a user understands
 * @param evidence what was read (fingerprint, mountinfo, labels) and which control cells compared
 * @param fix the usual fix or workaround, one sentence
 */
public record Cause(String id, String title, List<String> evidence, String fix) {
    public Cause {
        evidence = List.copyOf(evidence);
    }
}
