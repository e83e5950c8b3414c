package dev.autogen.script;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Where a {@link Migration} stands in the revision history. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {

    /** This revision's id. */
    String id();

    /** The id of the revision this one follows; empty for the first migration. */
    String parent() default "";

    /** The revisions a merge follows, two or more; a migration with one parent names it in {@link #parent()} instead. */
    String[] parents() default {};

    String message() default "";

    /** When the migration was generated, ISO-8601. */
    String created() default "";
}
