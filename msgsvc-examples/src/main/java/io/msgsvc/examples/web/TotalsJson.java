package io.msgsvc.examples.web;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.StatisticsCounters;

/** A customer's all-time statistics and bill, as the dashboard's panels show them. */
public record TotalsJson(StatisticsCounters statistics, BillingTotals billing) {}
