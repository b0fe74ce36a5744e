package dev.p21bridge.simulators.p21;

import java.util.List;
import java.util.Map;

/** One Transaction API service ({@code Order}, {@code Customer}): applies a transaction or rejects it whole. */
interface P21TransactionHandler {

    /** One DataElement of a passed transaction's result; each row is the edits P21 answers, in order. */
    record ResultElement(String name, List<Map<String, String>> rows) {
    }

    /** The service name clients put in the TransactionSet's {@code Name}. */
    String serviceName();

    /**
     * Applies one transaction; throws {@link P21Rejection} with P21's message (and without changing anything) when a
     * business rule refuses it.
     */
    List<ResultElement> apply(P21TransactionRequest.Transaction transaction);
}
