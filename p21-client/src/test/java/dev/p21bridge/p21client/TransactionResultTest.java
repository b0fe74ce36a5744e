package dev.p21bridge.p21client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TransactionResultTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldReadTheNewOrderNumberFromTheHeaderResultRow() throws Exception {
        TransactionResult result = TransactionResult.parse(json.readTree("""
                {"Messages": ["Transaction 1:: "],
                 "Results": {"Name": "Order", "Transactions": [{"DataElements": [
                   {"Name": "TABPAGE_1.order", "Rows": [{"Edits": [{"Name": "order_no", "Value": "1013938"}]}]},
                   {"Name": "TP_ITEMS.items", "Rows": [{"Edits": [{"Name": "oe_order_item_id", "Value": "X"}]}]}],
                   "Status": "Passed"}]},
                 "Summary": {"Succeeded": 1, "Failed": 0, "Other": 0}}"""));

        assertThat(result.passed()).isTrue();
        assertThat(result.edit("TABPAGE_1.order", "order_no")).contains("1013938");
        assertThat(result.edit("TABPAGE_1.order", "customer_id")).isEmpty();
        assertThat(result.messages()).isEmpty();
    }

    @Test
    void shouldReadP21sMessageFromAFailedTransactionAnsweredWith200() throws Exception {
        TransactionResult result = TransactionResult.parse(json.readTree("""
                {"Messages": ["Transaction 1:: Customer ID is required"], "Results": null,
                 "Summary": {"Succeeded": 0, "Failed": 1, "Other": 0}}"""));

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).isEqualTo("Customer ID is required");
        assertThat(result.edit("TABPAGE_1.order", "order_no")).isEmpty();
    }

    @Test
    void shouldRefuseAnAnswerWithoutSummaryBecauseItsOutcomeIsUnknown() throws Exception {
        assertThatThrownBy(() -> TransactionResult.parse(json.readTree("{\"Messages\": []}")))
                .isInstanceOf(P21CallException.class)
                .hasMessageContaining("without Summary");
    }

    @Test
    void shouldTurnAFailedTransactionIntoARejectionWithP21sWords() throws Exception {
        TransactionResult failed = TransactionResult.parse(json.readTree("""
                {"Messages": ["Transaction 1:: Item ID NOPE does not exist"], "Results": null,
                 "Summary": {"Succeeded": 0, "Failed": 1, "Other": 0}}"""));

        assertThatThrownBy(() -> new P21ErrorPolicy().check(failed))
                .isInstanceOf(P21RejectedException.class)
                .hasMessage("Item ID NOPE does not exist");
    }

    @Test
    void shouldTreatASessionPoolFailureInsideTheSummaryAsTransient() throws Exception {
        TransactionResult poisoned = TransactionResult.parse(json.readTree("""
                {"Messages": ["Transaction 1:: Object reference not set to an instance of an object."],
                 "Results": null, "Summary": {"Succeeded": 0, "Failed": 1, "Other": 0}}"""));

        assertThatThrownBy(() -> new P21ErrorPolicy().check(poisoned)).isInstanceOf(P21CallException.class);
    }
}
