package dev.autogen.change;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TypeWideningTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "character varying(100)|character varying(255)|WIDENS",
            "character varying(255)|character varying(100)|NARROWS",
            "character varying(255)|text|WIDENS",
            "text|character varying(20)|NARROWS",
            "character(10)|character varying(10)|WIDENS",
            "character varying(10)|character(10)|CONVERTS",
            "smallint|integer|WIDENS",
            "bigint|integer|NARROWS",
            "integer|numeric|WIDENS",
            "integer|numeric(5,0)|CONVERTS",
            "numeric(10,2)|numeric(12,2)|WIDENS",
            "numeric(10,2)|numeric(10,3)|NARROWS",
            "numeric(10,2)|numeric|WIDENS",
            "real|double precision|WIDENS",
            "double precision|real|NARROWS",
            "timestamp(3) without time zone|timestamp(6) without time zone|WIDENS",
            "timestamp(6) with time zone|timestamp(0) with time zone|NARROWS",
            "timestamp(6) without time zone|timestamp(6) with time zone|CONVERTS",
            "integer|character varying(255)|CONVERTS",
            "character varying(255)[]|character varying(300)[]|WIDENS",
            "uuid|text|CONVERTS",
    })
    void classifies(String from, String to, TypeWidening.Result expected) {
        assertEquals(expected, TypeWidening.compare(from, to));
    }
}
