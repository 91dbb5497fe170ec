package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** {@link SharedKeys}: one key per name for every replica on the database. */
abstract class SharedKeysContract extends MetadataContract {

    @Test
    void theFirstAskGeneratesAKeyOfTheLengthAsked() {
        byte[] key = block(m.keys.getOrCreate(uniqueName(), 32));

        assertThat(key).hasSize(32).isNotEqualTo(new byte[32]);
    }

    @Test
    void anotherReplicaOnTheSameDatabaseGetsTheSameKey() {
        String name = uniqueName();
        byte[] first = block(m.keys.getOrCreate(name, 32));

        byte[] again = block(new SharedKeys(m.database, m.clock).getOrCreate(name, 32));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void replicasStartingTogetherAgreeOnOneKey() {
        String name = uniqueName();
        SharedKeys one = new SharedKeys(m.database, m.clock);
        SharedKeys other = new SharedKeys(m.database, m.clock);

        var keys = block(Mono.zip(one.getOrCreate(name, 32), other.getOrCreate(name, 32)));

        assertThat(keys.getT1()).isEqualTo(keys.getT2());
    }

    @Test
    void differentNamesHaveDifferentKeys() {
        assertThat(block(m.keys.getOrCreate(uniqueName(), 32)))
                .isNotEqualTo(block(m.keys.getOrCreate(uniqueName(), 32)));
    }

    private static String uniqueName() {
        return "test-" + UUID.randomUUID();
    }
}
