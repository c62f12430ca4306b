package dev.fsconform.input;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

/** The JSON and YAML parsers every reader starts from, with the bounds of {@link Limits} built in. */
public final class Mappers {
    private static final StreamReadConstraints BOUNDS = StreamReadConstraints.builder()
            .maxNestingDepth(Limits.DEPTH).maxStringLength(Limits.STRING_CHARS).maxNameLength(Limits.NAME_CHARS * 5)
            .build();

    private Mappers() {
    }

    public static JsonMapper.Builder json() {
        return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(BOUNDS).build());
    }

    public static YAMLMapper.Builder yaml() {
        LoaderOptions loader = new LoaderOptions();
        loader.setNestingDepthLimit(Limits.DEPTH);
        loader.setCodePointLimit((int) Limits.CATALOGUE_BYTES);
        loader.setMaxAliasesForCollections(20);
        loader.setAllowDuplicateKeys(false);
        return YAMLMapper.builder(YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(BOUNDS).build());
    }
}
