/**
 * Model settings declared once, in the style of Kafka's {@code ConfigDef} (key, type, default, validator, doc) but
 * free of Kafka, so that the model core ({@code models}, {@code features}, {@code learning}) can declare its own
 * settings: a {@link dev.streamrec.config.SettingsDef} per prefix ({@code lr.}, {@code lcwd.}, {@code deepmix.},
 * {@code features.}) parses, validates, renders and documents its keys. Keys under a prefix that the definition does
 * not know are rejected with the nearest valid key suggested; keys whose values the featurizer owns are refused as
 * user overrides.
 */
package dev.streamrec.config;
