package dev.cairn.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.store.StoreException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a deployment consists of: services by hash, their mappings onto targets and containers, and
 * the targets with their profiles. Each coordinator generation points at one, stored as JSON in the
 * store; comparing two manifests gives the transition between them.
 *
 * @param profile the deployment's profile name
 * @param services services by hash
 * @param mappings the mappings, sorted by key
 * @param targets the targets involved, by name
 */
public record Manifest(
    String profile,
    Map<String, ServiceEntry> services,
    List<MappingEntry> mappings,
    Map<String, TargetEntry> targets) {
  static final String FORMAT = "cairn-manifest-1";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Checks and copies; mappings are sorted so that equal deployments print equally. */
  public Manifest {
    Objects.requireNonNull(profile, "profile");
    services = Collections.unmodifiableMap(new TreeMap<>(services));
    List<MappingEntry> sorted = new ArrayList<>(mappings);
    sorted.sort(Comparator.comparing(MappingEntry::key));
    mappings = List.copyOf(sorted);
    targets = Collections.unmodifiableMap(new TreeMap<>(targets));
    for (MappingEntry m : mappings) {
      if (!services.containsKey(m.service()) || !targets.containsKey(m.target())) {
        throw new IllegalArgumentException("mapping " + m.key() + " names no known service/target");
      }
    }
  }

  /** A deployment of nothing. */
  public static Manifest empty(String profile) {
    return new Manifest(profile, Map.of(), List.of(), Map.of());
  }

  /** Returns the mapping with {@code key}, if any. */
  public Optional<MappingEntry> mapping(String key) {
    return mappings.stream().filter(m -> m.key().equals(key)).findFirst();
  }

  /** Returns the mappings on {@code target}. */
  public List<MappingEntry> mappingsOn(String target) {
    return mappings.stream().filter(m -> m.target().equals(target)).toList();
  }

  /** Returns the service with {@code name}, if any. */
  public Optional<ServiceEntry> serviceNamed(String name) {
    return services.values().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Serialises to JSON. */
  public String toJson() throws StoreException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("profile", profile);
    doc.put("services", services);
    doc.put("mappings", mappings);
    doc.put("targets", targets);
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot write the manifest: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a manifest written by {@link #toJson}.
   *
   * @throws StoreException if it is not one
   */
  public static Manifest fromJson(String json, String where) throws StoreException {
    try {
      Document d = JSON.readValue(json, Document.class);
      if (!FORMAT.equals(d.format)) {
        throw new StoreException(where + " is not a Cairn manifest (format " + d.format + ")");
      }
      return new Manifest(d.profile, d.services, d.mappings, d.targets);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new StoreException(where + " is not a valid manifest: " + e.getMessage(), e);
    }
  }

  /** The JSON shape. */
  private static final class Document {
    public String format;
    public String profile;
    public Map<String, ServiceEntry> services = Map.of();
    public List<MappingEntry> mappings = List.of();
    public Map<String, TargetEntry> targets = Map.of();
  }
}
