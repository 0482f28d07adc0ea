package io.tidewater.ingest.emit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the input topic when it is missing, with the broker's default partitions and
 * replication, so that an ingester started before its indexer does not depend on auto-creation.
 */
public final class InputTopic {
    private InputTopic() {
    }

    public static void ensure(Map<String, ?> clientSettings, String topic) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.keySet().retainAll(AdminClientConfig.configNames());
        try (Admin admin = Admin.create(settings)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic '" + topic + "': " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " did not answer within 30 s while checking topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topic '" + topic + "'", e);
        }
    }
}
