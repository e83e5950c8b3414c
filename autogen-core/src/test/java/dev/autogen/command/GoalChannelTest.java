package dev.autogen.command;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What one side of the goal's pipe sends, the other receives field for field, whatever characters a field holds. */
class GoalChannelTest {

    @Test
    void fieldsWithTabsLineBreaksAndBackslashesArriveAsSent() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        GoalChannel sender = new GoalChannel(new ByteArrayInputStream(new byte[0]), wire, line -> { });
        List<String> record = List.of(GoalChannel.PROPERTY, "hibernate.x", "a\tb\nc\r\\n \\ é ☃", "");
        sender.send(record.toArray(String[]::new));
        sender.send(GoalChannel.INFO, "CREATE TABLE t (\n  id bigint\n)");
        sender.send(GoalChannel.DONE);

        String text = wire.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.lines().count(), "one line per record: " + text);
        List<String> other = new ArrayList<>();
        GoalChannel receiver = new GoalChannel(new ByteArrayInputStream(wire.toByteArray()), new ByteArrayOutputStream(), other::add);
        assertEquals(Optional.of(record), receiver.receive());
        assertEquals(Optional.of(List.of(GoalChannel.INFO, "CREATE TABLE t (\n  id bigint\n)")), receiver.receive());
        assertEquals(Optional.of(List.of(GoalChannel.DONE)), receiver.receive());
        assertEquals(Optional.empty(), receiver.receive(), "the end of the stream: the other side is gone");
        assertEquals(List.of(), other);
    }

    /**
     * The goal's standard output is also where its JVM logs (-Xlog:gc, a flight recording's start): such lines, whole or
     * cut short by a record, are handed on as output, and the records around them arrive as sent.
     */
    @Test
    void whatTheJvmPrintsBetweenRecordsIsOutputNotARecord() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        GoalChannel sender = new GoalChannel(new ByteArrayInputStream(new byte[0]), wire, line -> { });
        wire.writeBytes("[0.004s][info][gc] Using Serial\n".getBytes(StandardCharsets.UTF_8));
        sender.send(GoalChannel.HELLO);
        wire.writeBytes("[0.310s][info][jfr,startup] Started recording 1.\n\n".getBytes(StandardCharsets.UTF_8));
        sender.send(GoalChannel.INFO, "hello\tdone");
        wire.writeBytes("[0.5s][info][gc] Pause Young".getBytes(StandardCharsets.UTF_8));
        sender.send(GoalChannel.DONE);

        List<String> other = new ArrayList<>();
        GoalChannel receiver = new GoalChannel(new ByteArrayInputStream(wire.toByteArray()), new ByteArrayOutputStream(), other::add);
        assertEquals(Optional.of(List.of(GoalChannel.HELLO)), receiver.receive());
        assertEquals(Optional.of(List.of(GoalChannel.INFO, "hello\tdone")), receiver.receive());
        assertEquals(Optional.of(List.of(GoalChannel.DONE)), receiver.receive());
        assertEquals(Optional.empty(), receiver.receive());
        assertEquals(List.of("[0.004s][info][gc] Using Serial", "[0.310s][info][jfr,startup] Started recording 1.", "",
                "[0.5s][info][gc] Pause Young"), other);
    }
}
