package dev.ordersaga.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperateLinksTest {

    @Test
    void linksAProcessInstanceWhenOperateIsConfigured() {
        assertThat(new OperateLinks("http://localhost:8081").processInstance(2251799813685249L))
                .isEqualTo("http://localhost:8081/processes/2251799813685249");
        assertThat(new OperateLinks(" https://operate.example.com/ops// ").processInstance(1L))
                .isEqualTo("https://operate.example.com/ops/processes/1");
    }

    @Test
    void noLinkWithoutOperateOrWithoutProcessInstance() {
        assertThat(new OperateLinks("").processInstance(1L)).isNull();
        assertThat(new OperateLinks(null).processInstance(1L)).isNull();
        assertThat(new OperateLinks("http://localhost:8081").processInstance(null)).isNull();
    }
}
