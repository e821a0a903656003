/** Micrometer metrics and trace propagation for the msgsvc engine, each counted on the node that does the work. */
package io.msgsvc.micrometer;
