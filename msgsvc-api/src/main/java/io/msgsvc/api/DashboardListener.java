package io.msgsvc.api;

/** Told after a dashboard row changed and the change is stored. Runs on the projection thread: keep it quick. */
@FunctionalInterface
public interface DashboardListener {
    /**
     * Takes one changed row.
     *
     * @param view the row as it stands after the change
     */
    void onChange(DashboardView view);
}
