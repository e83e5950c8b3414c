package dev.autogen.entity;

import org.hibernate.boot.beanvalidation.BeanValidationIntegrator;
import org.hibernate.boot.internal.MetadataImpl;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The DDL Hibernate takes from Bean Validation constraints when the application starts (NOT NULL,
 * lengths, precision and scale, checks), applied to the boot metamodel by Hibernate itself: its
 * {@link BeanValidationIntegrator} runs as the session factory would run it, so the validation mode,
 * {@code hibernate.validator.apply_to_ddl}, the DDL validation groups and the absence of a provider
 * are all decided by Hibernate. The integrator is handed the one thing it reads from a session
 * factory at start-up, the service registry; what it registers for validation at run time (event
 * listeners, the nullability check) belongs to the running application and is not kept.
 */
final class BeanValidationDdl {

    private BeanValidationDdl() {
    }

    static void apply(MetadataImplementor metadata, ServiceRegistryImplementor registry) {
        new BeanValidationIntegrator().integrate(metadata,
                metadata instanceof MetadataImpl impl ? impl.getBootstrapContext() : null, startingFactory(registry));
    }

    private static SessionFactoryImplementor startingFactory(ServiceRegistryImplementor registry) {
        SessionFactoryServiceRegistry services = proxy(SessionFactoryServiceRegistry.class,
                (self, method, args) -> invoke(registry, method, args));
        SessionFactoryOptions options = proxy(SessionFactoryOptions.class, (self, method, args) -> switch (method.getName()) {
            // no factory handed over by a container: Hibernate looks in the settings, then builds the default one
            case "getValidatorFactoryReference" -> null;
            case "setCheckNullability" -> null;
            default -> unavailable(method);
        });
        EventListenerRegistry listeners = proxy(EventListenerRegistry.class, (self, method, args) ->
                method.getReturnType() == void.class ? null : unavailable(method));
        return proxy(SessionFactoryImplementor.class, (self, method, args) -> switch (method.getName()) {
            case "getServiceRegistry" -> services;
            case "getSessionFactoryOptions" -> options;
            case "getEventListenerRegistry" -> listeners;
            case "addObserver" -> null;
            case "toString" -> "session factory starting for Bean Validation DDL";
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> unavailable(method);
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object unavailable(Method method) {
        throw new IllegalStateException("Hibernate's Bean Validation integration asked the starting session factory for "
                + method.getName() + ", which reading the mapping does not provide");
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
