package dev.streamrec.evaluation;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrec.events.EventSink;
import dev.streamrec.events.EventSource;
import dev.streamrec.events.MovieLensDataset;
import dev.streamrec.events.ValidationConfig;
import dev.streamrec.features.FeatureConfig;
import dev.streamrec.learning.ModelFactory;
import dev.streamrec.metrics.MetricsSnapshot;
import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.RatingEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {
    private static final int RATINGS = 250;
    private static final ValidationConfig VALIDATION = new ValidationConfig(1f, 5f, 0L,
        ValidationConfig.DEFAULT_MAX_EVENT_TIME_MILLIS);

    /** Small, fast models: every tower shrunk, the genre head learning every 2nd event of an item. */
    private static Map<String, String> smallModels() {
        final Map<String, String> p = new HashMap<>();
        p.put("deepmix.embedding.dim", "4");
        p.put("deepmix.dnn.hidden", "16");
        p.put("deepmix.cross.rank", "4");
        p.put("deepmix.batch.size", "16");
        p.put("deepmix.item.batch.size", "4");
        p.put("deepmix.genre.every", "2");
        p.put("lcwd.batch.size", "16");
        return p;
    }

    private static Evaluation evaluation(final EvaluationSettings settings) {
        final Map<String, String> props = smallModels();
        final FeatureConfig features = FeatureConfig.fromProperties(props);
        return new Evaluation(features, VALIDATION,
            new ModelFactory(List.of("lr", "lcwd", "deepmix"), props, features, VALIDATION), settings);
    }

    private static MovieLensDataset fixture(final Path dir) throws IOException {
        return MovieLensDataset.open(MovieLensFixture.write(dir, 30, 24, RATINGS, 11), bad -> {
            throw new AssertionError("malformed fixture line " + bad);
        });
    }

    @Test
    void shouldScoreThenLearnEveryEventPrequentially(@TempDir final Path dir) throws IOException {
        final EvaluationResult r = evaluation(EvaluationSettings.prequential()).run("fixture", fixture(dir));
        assertEquals(2 * RATINGS, r.events());
        assertEquals(0, r.trainedEvents());
        assertEquals(Map.of(), r.rejected());
        assertEquals(List.of("lr", "lcwd", "deepmix"), r.models().stream().map(ModelResult::model).toList());
        for (final ModelResult m : r.models()) {
            final MetricsSnapshot s = m.metrics();
            assertEquals(RATINGS, s.clickCount(), m.model());
            assertEquals(RATINGS, s.ratingCount(), m.model());
            assertTrue(s.auc() > 0 && s.auc() < 1 && s.mae() > 0, m.model() + " " + s);
            assertTrue(m.parameterCount() > 0, m.model());
            assertEquals(100, m.curve().size(), m.model());
            assertEquals(2 * RATINGS, m.curve().get(m.curve().size() - 1).events());
            assertEquals(s, m.curve().get(m.curve().size() - 1).metrics(), "the last point is the final figure");
        }
        final MetricsSnapshot deepMix = r.models().get(2).metrics();
        assertTrue(deepMix.itemCount() > 0 && deepMix.itemCount() <= 24, "each item measured at most once: "
            + deepMix.itemCount());
        assertTrue(deepMix.microF1() >= 0 && deepMix.microF1() <= 1);
        assertEquals(0, r.models().get(0).metrics().itemCount(), "LR has no genre head");
    }

    @Test
    void shouldMeasureOnlyTheLastTenthWithFrozenModelsOffline(@TempDir final Path dir) throws IOException {
        final EvaluationResult r = evaluation(EvaluationSettings.prequential().withProtocol(Protocol.OFFLINE))
            .run("fixture", fixture(dir));
        final long trained = (long) Math.floor(0.9 * 2 * RATINGS);
        assertEquals(trained, r.trainedEvents());
        for (final ModelResult m : r.models()) {
            assertEquals(2 * RATINGS - trained, m.metrics().clickCount() + m.metrics().ratingCount(), m.model());
            assertEquals(2 * RATINGS - trained, m.curve().get(m.curve().size() - 1).events());
        }
    }

    @Test
    void shouldGiveTheSameFiguresOnEveryRun(@TempDir final Path dir) throws IOException {
        final MovieLensDataset data = fixture(dir);
        final EvaluationResult first = evaluation(EvaluationSettings.prequential()).run("fixture", data);
        final EvaluationResult second = evaluation(EvaluationSettings.prequential()).run("fixture", data);
        for (int i = 0; i < first.models().size(); i++) {
            assertEquals(first.models().get(i).metrics(), second.models().get(i).metrics());
            assertEquals(first.models().get(i).parameterCount(), second.models().get(i).parameterCount());
        }
    }

    @Test
    void shouldCountRejectedEventsInsteadOfDroppingThem() {
        final EventSource source = sink -> {
            final Attributes none = new Attributes(new HashMap<>(), new HashMap<>());
            sink.rating(new RatingEvent("r1", "u1", "i1", Instant.ofEpochSecond(1000), 4f, none));
            sink.rating(new RatingEvent("r2", "u1", "i1", Instant.ofEpochSecond(1001), 9f, none));
            sink.rating(new RatingEvent("r3", "u1", "", Instant.ofEpochSecond(1002), 3f, none));
        };
        final EvaluationResult r = evaluation(EvaluationSettings.prequential()).run("inline", source);
        assertEquals(1, r.events());
        assertEquals(2, r.rejected().values().stream().mapToLong(Long::longValue).sum(), r.rejected().toString());
    }

    @Test
    void shouldWriteTablesJsonCsvAndOnePlotPerMetric(@TempDir final Path dir) throws IOException {
        final EvaluationResult r = evaluation(EvaluationSettings.prequential()).run("fixture",
            fixture(Files.createDirectory(dir.resolve("data"))));
        final Path out = dir.resolve("report");
        ReportWriter.write(r, "streamrec evaluate fixture", out);
        final String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        for (final String section : List.of("## Click", "## Rating", "## Genre", "## Models", "| deepmix |",
            "### Genre labels, deepmix", "| label | support | predicted | TP | FP | FN | F1 |", "| Action | ",
            "streamrec evaluate fixture", "![click-auc.png](click-auc.png)")) {
            assertTrue(md.contains(section), section + " in\n" + md);
        }
        final JsonNode json = new ObjectMapper().readTree(out.resolve(ReportWriter.JSON).toFile());
        assertEquals(3, json.get("models").size());
        assertEquals(RATINGS, json.get("models").get(1).get("metrics").get("clickCount").asLong());
        final JsonNode deepmix = json.get("models").get(2);
        assertEquals("deepmix", deepmix.get("model").asText());
        long tp = 0;
        long errors = 0;
        for (final JsonNode label : deepmix.get("labels")) {
            tp += label.get("truePositives").asLong();
            errors += label.get("falsePositives").asLong() + label.get("falseNegatives").asLong();
        }
        assertTrue(tp + errors > 0, deepmix.get("labels").toString());
        assertEquals(deepmix.get("metrics").get("microF1").asDouble(), 2.0 * tp / (2.0 * tp + errors), 1e-12);
        assertEquals(0, json.get("models").get(0).get("labels").size());
        assertEquals(deepmix.get("labels").size(), deepmix.get("labelNames").size());
        assertEquals("Action", deepmix.get("labelNames").get(0).asText());
        assertEquals(1 + 3 * 100, Files.readAllLines(out.resolve(ReportWriter.CSV)).size());
        for (final Metric metric : Metric.values()) {
            final BufferedImage png = ImageIO.read(out.resolve(metric.key() + ".png").toFile());
            assertNotNull(png, metric.key());
            assertEquals(900, png.getWidth());
        }
    }

    @Test
    void shouldLearnClicksFromTheSharedMovieLens100k() throws IOException {
        final Path ml100k = MovieLensFixture.sharedMl100k().orElse(null);
        Assumptions.assumeTrue(ml100k != null, "shared ml-100k absent");
        final Map<String, String> props = new HashMap<>();
        final FeatureConfig features = FeatureConfig.fromProperties(props);
        final EvaluationResult r = new Evaluation(features, VALIDATION,
            new ModelFactory(List.of("lr"), props, features, VALIDATION),
            EvaluationSettings.prequential().withMaxEvents(20_000))
            .run("ml-100k", MovieLensDataset.open(ml100k, bad -> { }));
        final MetricsSnapshot lr = r.models().get(0).metrics();
        System.out.printf("ml-100k first 20,000 events, LR: AUC %.4f, MAE %.4f%n", lr.auc(), lr.mae());
        assertEquals(20_000, r.events());
        assertTrue(lr.auc() > 0.68, "AUC " + lr.auc());
        assertTrue(lr.mae() < 0.85, "MAE " + lr.mae());
        assertFalse(r.models().isEmpty());
    }
}
