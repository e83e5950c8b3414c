package dev.autogen.goals.empty;

public class NotAnEntity {
}
