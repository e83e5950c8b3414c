package dev.autogen.config;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitJoinTableNameSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;

/**
 * Spring Boot's {@code SpringImplicitNamingStrategy}, for projects where that class is not on the
 * class path: Hibernate's JPA-compliant implicit naming, except that a join table is named after
 * the owning table and the owning attribute ({@code customer_account_former_reps}) rather than
 * after both entities. Used only where Spring Boot's own class cannot be loaded.
 */
public class SpringImplicitNaming extends ImplicitNamingStrategyJpaCompliantImpl {

    @Override
    public Identifier determineJoinTableName(ImplicitJoinTableNameSource source) {
        String name = source.getOwningPhysicalTableName() + "_" + source.getAssociationOwningAttributePath().getProperty();
        return toIdentifier(name, source.getBuildingContext());
    }
}
