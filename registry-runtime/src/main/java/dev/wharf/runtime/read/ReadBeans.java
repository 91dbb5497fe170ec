package dev.wharf.runtime.read;

import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.web.WebMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read pipeline, with every {@link ReadGate} bean (none until the firewall and quarantine), and file responses. */
@Configuration(proxyBeanMethods = false)
class ReadBeans {

    @Bean
    ReadPipeline readPipeline(
            ObjectProvider<ReadGate> gates, DownloadCounter downloads, ObjectProvider<MeterRegistry> meters) {
        List<ReadGate> ordered = gates.orderedStream().toList();
        return new ReadPipeline(ordered, downloads, meters.getIfAvailable());
    }

    @Bean
    FileResponses fileResponses(ReadPipeline reads, WebMetrics metrics) {
        return new FileResponses(reads, metrics);
    }
}
