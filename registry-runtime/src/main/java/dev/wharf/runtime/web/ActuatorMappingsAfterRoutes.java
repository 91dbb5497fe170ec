package dev.wharf.runtime.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webflux.actuate.endpoint.web.AbstractWebFluxEndpointHandlerMapping;

/**
 * Orders the actuator's endpoint mappings after the routes (the format routes, the management API): the framework
 * otherwise tries every actuator pattern on every request first, a noticeable share of serving a small file. No route
 * answers under {@code /actuator}, so the endpoints answer there as before.
 */
final class ActuatorMappingsAfterRoutes implements BeanPostProcessor {

    /**
     * After the router functions' mapping ({@code -1}) and the annotated controllers' ({@code 0}), before the static
     * resources' ({@code Ordered.LOWEST_PRECEDENCE - 1}).
     */
    private static final int ORDER = 1;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractWebFluxEndpointHandlerMapping mapping) {
            mapping.setOrder(ORDER);
        }
        return bean;
    }
}
