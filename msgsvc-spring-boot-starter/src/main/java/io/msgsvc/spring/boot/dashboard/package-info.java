/**
 * The live dashboard, opt-in with {@code msgsvc.dashboard.enabled=true}: {@link
 * io.msgsvc.spring.boot.dashboard.MsgsvcDashboardAutoConfiguration} serves the page, a read-only JSON API and a
 * Server-Sent Events stream under {@code msgsvc.dashboard.base-path} ({@link
 * io.msgsvc.spring.boot.dashboard.MsgsvcDashboardProperties}). The host's security authenticates; {@link
 * io.msgsvc.spring.boot.dashboard.DashboardAccess} turns the principal into a {@link
 * io.msgsvc.spring.boot.dashboard.DashboardViewer}: one customer, or an operator who sees them all.
 */
package io.msgsvc.spring.boot.dashboard;
