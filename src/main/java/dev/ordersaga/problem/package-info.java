/**
 * The API's error answers, for every feature: the problem types ({@link dev.ordersaga.problem.ProblemType}, each with
 * its URI and title) and the one factory of {@code application/problem+json} responses ({@link
 * dev.ordersaga.problem.Problems}). Depends on nothing of the application; every feature that answers HTTP may use it.
 */
package dev.ordersaga.problem;
