package dev.p21bridge.p21;

import dev.p21bridge.p21client.TransactionSet.DataElement;
import dev.p21bridge.p21client.TransactionSet.Edit;
import dev.p21bridge.p21client.TransactionSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Transaction API sets of the customer path (service {@code Customer}, form {@code TABPAGE_1.customer}): a new
 * customer, or the changed columns of one P21 has, named by {@code customer_id}. Both take only
 * {@link P21CustomerFields}, so no financial column can be in them.
 */
public final class P21CustomerMapper {

    /** A new customer: the e-mail it is found by, then every given field ({@link P21CustomerFields#withNameForCreate}). */
    public TransactionSet create(String email, P21CustomerFields fields) {
        List<Edit> edits = new ArrayList<>();
        edits.add(new Edit("email_address", email));
        fields.edits().forEach((name, value) -> edits.add(new Edit(name, value)));
        return set(edits);
    }

    /** {@code changes} by P21 column name, all of them {@link P21CustomerFields#STORE_MAY_CHANGE}. */
    public TransactionSet update(String customerId, Map<String, String> changes) {
        List<Edit> edits = new ArrayList<>();
        edits.add(new Edit("customer_id", customerId));
        changes.forEach((name, value) -> {
            if (!P21CustomerFields.STORE_MAY_CHANGE.contains(name)) {
                throw new IllegalArgumentException(name + " is not a column a store may change");
            }
            edits.add(new Edit(name, value));
        });
        return set(edits);
    }

    private static TransactionSet set(List<Edit> edits) {
        return TransactionSet.newRecord(P21OrderMapper.CUSTOMER_SERVICE,
                List.of(DataElement.form(P21OrderMapper.CUSTOMER_FORM, edits)));
    }
}
