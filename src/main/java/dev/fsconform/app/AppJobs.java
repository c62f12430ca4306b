package dev.fsconform.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The app jobs shipped with fsconform ({@code jobs.yaml}), loaded and validated once. */
public final class AppJobs {
    static final String RESOURCE = "/dev/fsconform/app/jobs.yaml";
    record Table(List<AppJob> jobs) {
    }

    private AppJobs() {
    }

    /** Built on first use, with the table: class loading of the mapper alone is a tenth of a probe's start. */
    private static final class Standard {
        static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        static final List<AppJob> JOBS = load();
    }

    /** Every job, opt-in ones included, in file order. */
    public static List<AppJob> all() {
        return Standard.JOBS;
    }

    public static Optional<AppJob> byId(String id) {
        return all().stream().filter(j -> j.id().equals(id)).findFirst();
    }

    /** Every job that runs without being named: all but the opt-in ones. */
    public static List<AppJob> standard() {
        return all().stream().filter(j -> !j.optIn()).toList();
    }

    /**
     * {@code none}, {@code all} (every job but the opt-in ones) or job ids, comma-separated and
     * combinable ({@code all,maven}); an unknown id is an IllegalArgumentException naming the known ones.
     */
    public static List<AppJob> select(String spec) {
        Set<AppJob> chosen = new java.util.LinkedHashSet<>();
        for (String item : spec.split(",")) {
            String id = item.strip();
            if (id.equals("none") || id.isEmpty()) {
                continue;
            }
            if (id.equals("all")) {
                chosen.addAll(standard());
                continue;
            }
            chosen.add(byId(id).orElseThrow(() -> new IllegalArgumentException("unknown app job '" + id + "' (known: all, none, "
                    + String.join(", ", all().stream().map(AppJob::id).toList()) + ")")));
        }
        // "none" (the probe's default) must not parse jobs.yaml: YAML costs a probe process a tenth of its start.
        return chosen.isEmpty() ? List.of() : all().stream().filter(chosen::contains).toList();
    }

    /**
     * Refuses what {@link #select} refuses, reading jobs.yaml only for a spec that names job ids: an
     * environments file says {@code all} or nothing for most entries, and a kernel guest, which overrides
     * them with {@code --apps none}, would read the jobs' YAML for nothing (a second of its start).
     */
    public static void check(String spec) {
        for (String item : spec.split(",")) {
            String id = item.strip();
            if (!id.equals("none") && !id.equals("all") && !id.isEmpty()) {
                select(spec);
                return;
            }
        }
    }

    private static List<AppJob> load() {
        try (InputStream in = AppJobs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            List<AppJob> jobs = Standard.YAML.readValue(in, Table.class).jobs();
            Set<String> ids = new HashSet<>();
            for (AppJob j : jobs) {
                if (!ids.add(j.id())) {
                    throw new IllegalStateException(RESOURCE + ": job '" + j.id() + "' twice");
                }
            }
            return List.copyOf(new ArrayList<>(jobs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
