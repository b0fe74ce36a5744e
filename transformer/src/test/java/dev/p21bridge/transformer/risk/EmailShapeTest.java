package dev.p21bridge.transformer.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailShapeTest {

    @Test
    void shouldTellMachineMadeLocalPartsFromPeoplesOwn() {
        assertThat(EmailShape.looksRandom("x7kq2vz9p@mailinator.com")).isTrue();
        assertThat(EmailShape.looksRandom("qwrtzpk88@example.com")).isTrue();
        assertThat(EmailShape.looksRandom("jsmith42@example.com")).isFalse();
        assertThat(EmailShape.looksRandom("maria.lopez1985@example.com")).isFalse();
        assertThat(EmailShape.looksRandom("purchasing@whitfieldmech.com")).isFalse();
        assertThat(EmailShape.looksRandom("a1b2@example.com")).isFalse();
    }

    @Test
    void shouldSeeWhetherTheBuyersNameIsInTheAddress() {
        assertThat(EmailShape.lacksName("dana.whitfield@example.com", "Dana", "Whitfield")).isFalse();
        assertThat(EmailShape.lacksName("dwhitfield@example.com", "Dana", "Whitfield")).isFalse();
        assertThat(EmailShape.lacksName("zz9911@example.com", "Dana", "Whitfield")).isTrue();
        assertThat(EmailShape.lacksName("zz9911@example.com", null, "Whitfield")).isFalse();
    }

    @Test
    void shouldReadDomainAndLocalPartWithoutTag() {
        assertThat(EmailShape.domain("Dana@Example.COM")).isEqualTo("example.com");
        assertThat(EmailShape.local("dana+shop@example.com")).isEqualTo("dana");
    }
}
