/**
 * Weft's benchmarks: {@link dev.weft.bench.WorkloadRunner} runs the workloads of the benchmark
 * contract as whole processes against JDK virtual threads on one carrier; the {@code jmh}
 * package holds the steady-state micro-benchmarks.
 */
package dev.weft.bench;
