/*
 * Copyright 2026 The Weft Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/**
 * Weft's benchmarks: {@link dev.weft.bench.WorkloadRunner} runs the workloads of the benchmark
 * contract as whole processes against JDK virtual threads on one carrier; the {@code jmh}
 * package holds the steady-state micro-benchmarks.
 */
package dev.weft.bench;
