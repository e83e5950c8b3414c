package dev.autogen.command;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What one side of the goal's pipe sends, the other receives field for field, whatever characters a field holds. */
class GoalChannelTest {

    @Test
    void fieldsWithTabsLineBreaksAndBackslashesArriveAsSent() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        GoalChannel sender = new GoalChannel(new ByteArrayInputStream(new byte[0]), wire);
        List<String> record = List.of(GoalChannel.PROPERTY, "hibernate.x", "a\tb\nc\r\\n \\ é ☃", "");
        sender.send(record.toArray(String[]::new));
        sender.send(GoalChannel.INFO, "CREATE TABLE t (\n  id bigint\n)");
        sender.send(GoalChannel.DONE);

        String text = wire.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.lines().count(), "one line per record: " + text);
        GoalChannel receiver = new GoalChannel(new ByteArrayInputStream(wire.toByteArray()), new ByteArrayOutputStream());
        assertEquals(Optional.of(record), receiver.receive());
        assertEquals(Optional.of(List.of(GoalChannel.INFO, "CREATE TABLE t (\n  id bigint\n)")), receiver.receive());
        assertEquals(Optional.of(List.of(GoalChannel.DONE)), receiver.receive());
        assertEquals(Optional.empty(), receiver.receive(), "the end of the stream: the other side is gone");
    }
}
