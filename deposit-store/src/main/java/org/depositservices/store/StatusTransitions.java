package org.depositservices.store;

import org.depositservices.model.DepositStatus;
import org.depositservices.model.Status;

/**
 * Which status moves the store lets an actor make. The rules are the status enums' own ({@link Status#canMoveTo},
 * {@link Status#canOperatorMoveTo}); this only tells automation from an operator by the actor's name: operator
 * actions are recorded as {@code operator:<name>} (e.g. {@code operator:retry}, {@code operator:alice}), every
 * other actor ({@code engine:deposit-task}, {@code api:alice}, ...) is automation.
 *
 * <p>Staying in the same status is never a transition (a second RETRY with a new message, SUBMITTED rewritten with
 * a status reference).
 */
final class StatusTransitions {
    static final String OPERATOR_PREFIX = "operator:";

    private StatusTransitions() {
    }

    static boolean isOperator(String actor) {
        return actor != null && actor.startsWith(OPERATOR_PREFIX);
    }

    /**
     * A deposit's move from {@code from} to {@code to}, either null for none. A deposit not yet attempted may start
     * as any status ({@link DepositStatus#canStartAs}); nothing goes back to "not yet attempted".
     *
     * @throws IllegalTransitionException when the move is not allowed
     */
    static void requireDepositMove(String resourceType, String depositId, DepositStatus from, DepositStatus to,
                                   String actor) {
        if (from == to) {
            return;
        }
        if (from == null ? !DepositStatus.canStartAs(to) : to == null || !allows(from, to, actor)) {
            throw refused(resourceType, depositId, from, to, actor);
        }
    }

    /**
     * A move between two statuses, neither null.
     *
     * @throws IllegalTransitionException when the move is not allowed
     */
    static <S extends Enum<S> & Status<S>> void requireMove(String resourceType, String resourceId, S from, S to,
                                                             String actor) {
        if (from != to && !allows(from, to, actor)) {
            throw refused(resourceType, resourceId, from, to, actor);
        }
    }

    private static <S extends Enum<S> & Status<S>> boolean allows(S from, S to, String actor) {
        return isOperator(actor) ? from.canOperatorMoveTo(to) : from.canMoveTo(to);
    }

    private static IllegalTransitionException refused(String resourceType, String resourceId, Enum<?> from,
                                                      Enum<?> to, String actor) {
        return new IllegalTransitionException(resourceType, resourceId, from == null ? null : from.name(),
                to == null ? null : to.name(), actor);
    }
}
