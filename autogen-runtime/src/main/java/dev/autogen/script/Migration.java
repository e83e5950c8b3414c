package dev.autogen.script;

/**
 * One migration: the steps that move a database from its parent revision to this one, and back.
 * The class carries its place in the history in a {@link Revision} annotation.
 */
public interface Migration {

    void upgrade(Operations op);

    void downgrade(Operations op);
}
