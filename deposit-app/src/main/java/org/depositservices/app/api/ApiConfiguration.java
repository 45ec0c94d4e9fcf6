package org.depositservices.app.api;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The API's upload limits, and Tomcat set to enforce them and to answer its own errors as problem documents. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    @Bean
    UploadLimits uploadLimits(Environment env) {
        return UploadLimits.from(env);
    }

    /**
     * Runs after Spring Boot's own Tomcat customizer (which sets {@code server.tomcat.max-part-count} and adds an
     * HTML ErrorReportValve), so these settings win.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemTomcat(UploadLimits limits) {
        return factory -> {
            factory.addConnectorCustomizers(connector -> connector.setMaxPartCount(limits.maxParts()));
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve v : host.getPipeline().getValves()) {
                        if (v instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(v);
                        }
                    }
                    host.getPipeline().addValve(new ProblemReportValve());
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        };
    }
}
