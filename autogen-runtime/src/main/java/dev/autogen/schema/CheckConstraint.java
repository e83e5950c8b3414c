package dev.autogen.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A check constraint; {@code expression} is the condition as PostgreSQL prints it, without CHECK. */
public record CheckConstraint(String name, String expression) implements Constraint {
    public CheckConstraint {
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public CheckConstraint withName(String name) {
        return new CheckConstraint(name, expression);
    }

    @Override
    public boolean sameMeaning(Constraint other) {
        return other instanceof CheckConstraint c && sameCondition(c);
    }

    /**
     * True when both conditions are the same terms joined by AND, in any order: Hibernate joins a
     * column's bounds (@Min with @Max, @Range) in the order Bean Validation hands them out, which
     * differs from one start of the application to the next.
     */
    public boolean sameCondition(CheckConstraint other) {
        if (expression.equals(other.expression)) {
            return true;
        }
        List<String> mine = conjuncts(expression);
        List<String> theirs = conjuncts(other.expression);
        if (mine.size() < 2 || mine.size() != theirs.size()) {
            return false;
        }
        mine.sort(null);
        theirs.sort(null);
        return mine.equals(theirs);
    }

    /**
     * The terms of a condition PostgreSQL printed as {@code a AND b AND c}; the whole condition when
     * AND does not join it at the top (inside parentheses, brackets, CASE or literals it does not
     * count), or when OR appears at the top too.
     */
    static List<String> conjuncts(String condition) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < condition.length(); i++) {
            char c = condition.charAt(i);
            if (c == '\'' || c == '"') {
                i = closing(condition, i, c);
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (word(condition, i, "CASE")) {
                depth++;
            } else if (word(condition, i, "END")) {
                depth--;
            } else if (depth == 0 && word(condition, i, "OR")) {
                return new ArrayList<>(List.of(condition));
            } else if (depth == 0 && word(condition, i, "AND")) {
                terms.add(condition.substring(start, i).strip());
                start = i + 3;
            }
        }
        terms.add(condition.substring(start).strip());
        return terms;
    }

    /** The index of the quote that closes the literal or identifier opened at {@code open} (a doubled quote stays inside). */
    private static int closing(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return text.length();
    }

    /** True when the keyword {@code word} stands at {@code at}, not as part of a longer name. */
    private static boolean word(String text, int at, String word) {
        return text.startsWith(word, at)
                && (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)) && text.charAt(at - 1) != '_')
                && (at + word.length() == text.length() || !Character.isLetterOrDigit(text.charAt(at + word.length()))
                        && text.charAt(at + word.length()) != '_');
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitCheckConstraint(this);
    }

    @Override
    public String kind() {
        return "check constraint";
    }
}
