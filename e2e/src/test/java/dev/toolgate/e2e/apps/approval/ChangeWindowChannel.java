package dev.toolgate.e2e.apps.approval;

import dev.toolgate.api.spi.ApprovalChannel;
import dev.toolgate.api.spi.ApprovalRequest;
import dev.toolgate.api.spi.ApprovalResponse;

/**
 * An approval channel provided by the application through the SPI: approves changes outside production, as a
 * change-management system with an open window would, and denies the rest.
 */
public class ChangeWindowChannel implements ApprovalChannel {

    @Override
    public String name() {
        return "change-window";
    }

    @Override
    public ApprovalResponse requestApproval(ApprovalRequest request) {
        Object namespace = request.params().get("namespace");
        if ("production".equals(namespace)) {
            return ApprovalResponse.deny("change-window", "production is frozen");
        }
        return ApprovalResponse.approve("change-window", "inside the change window for " + namespace);
    }
}
