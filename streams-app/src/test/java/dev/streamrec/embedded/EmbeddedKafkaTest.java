package dev.streamrec.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {
    @Test
    void isFormattedAsANewProductionClusterOfThisRelease() {
        final BootstrapMetadata bootstrap = EmbeddedKafka.productionBootstrap();
        assertEquals(MetadataVersion.latestProduction(), bootstrap.metadataVersion());
        for (final Feature feature : Feature.PRODUCTION_FEATURES) {
            if (feature != Feature.KRAFT_VERSION) {
                assertEquals(feature.defaultLevel(MetadataVersion.latestProduction()),
                    bootstrap.featureLevel(feature.featureName()), feature.featureName());
            }
        }
        // transactions v2 (KIP-890): exactly-once commits need not wait for the previous transaction's markers
        assertTrue(bootstrap.featureLevel(Feature.TRANSACTION_VERSION.featureName()) >= 2);
    }
}
