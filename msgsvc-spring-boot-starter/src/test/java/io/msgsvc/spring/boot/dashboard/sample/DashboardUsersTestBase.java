package io.msgsvc.spring.boot.dashboard.sample;

import io.msgsvc.Msgsvc;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The running sample app's engine and its three signed-in users, fresh for each test. */
abstract class DashboardUsersTestBase {
    @LocalServerPort
    int port;

    @Autowired
    Msgsvc msgsvc;

    DashboardHttp acme;
    DashboardHttp globex;
    DashboardHttp ops;

    @BeforeEach
    void users() {
        acme = DashboardHttp.as(port, "acme", "acme-pw");
        globex = DashboardHttp.as(port, "globex", "globex-pw");
        ops = DashboardHttp.as(port, "ops", "ops-pw");
    }
}
