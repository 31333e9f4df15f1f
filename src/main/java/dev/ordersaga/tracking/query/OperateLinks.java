package dev.ordersaga.tracking.query;

import dev.ordersaga.ConditionalOnSaga;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Links to Operate, when {@code order-saga.operate-url} (env {@code ORDER_SAGA_OPERATE_URL}) is set. */
@ConditionalOnSaga
@Component
public class OperateLinks {

    private final String base;

    public OperateLinks(@Value("${order-saga.operate-url:}") String operateUrl) {
        String url = operateUrl == null ? "" : operateUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        this.base = url.isEmpty() ? null : url;
    }

    /** {@code <operate-url>/processes/<processInstanceKey>}, or null. */
    String processInstance(Long processInstanceKey) {
        return base == null || processInstanceKey == null ? null : base + "/processes/" + processInstanceKey;
    }
}
