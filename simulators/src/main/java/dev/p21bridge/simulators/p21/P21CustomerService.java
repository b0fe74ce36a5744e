package dev.p21bridge.simulators.p21;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Transaction API's {@code Customer} service. Without a {@code customer_id} edit it creates a customer (P21 assigns
 * the id, answered in the result row); with one it updates that customer. A new customer needs a name.
 */
final class P21CustomerService implements P21TransactionHandler {

    static final String FORM = "TABPAGE_1.customer";

    private final P21Store store;

    P21CustomerService(P21Store store) {
        this.store = store;
    }

    @Override
    public String serviceName() {
        return "Customer";
    }

    @Override
    public List<ResultElement> apply(P21TransactionRequest.Transaction transaction) {
        Map<String, String> edits = transaction.element(FORM).flatMap(e -> e.rows().stream().findFirst())
                .orElse(Map.of());
        P21Customer saved = store.write((state, at) -> {
            String idText = edits.get("customer_id");
            if (edits.containsKey("customer_name") && edits.get("customer_name").isBlank()) {
                throw new P21Rejection("Customer Name is required");
            }
            P21Customer customer;
            if (idText == null) {
                if (edits.get("customer_name") == null) {
                    throw new P21Rejection("Customer Name is required");
                }
                customer = P21Customer.create(state.takeCustomerId(), edits, at);
            } else {
                customer = P21OrderService.customerId(idText).flatMap(state::customer)
                        .orElseThrow(() -> new P21Rejection("Customer ID " + idText + " not found"))
                        .withEdits(edits, at);
            }
            state.putCustomer(customer);
            return customer;
        });
        Map<String, String> result = new LinkedHashMap<>();
        result.put("customer_id", Long.toString(saved.customerId()));
        saved.fields().forEach((name, value) -> {
            if (value != null) {
                result.put(name, value);
            }
        });
        return List.of(new ResultElement(FORM, List.of(result)));
    }
}
