// swift-tools-version:6.1
// Micro-benchmarks of blotter's hot loops with ordo-one/benchmark (package-benchmark):
// extraction, analysis, entity recognition, segment writing and queries, on the bundled corpus.
//
//   cd bench/micro && swift package --allow-writing-to-package-directory benchmark
//   swift package benchmark --filter "analyze.*"            # a subset
//   swift package benchmark baseline update main            # then, after a change:
//   swift package benchmark baseline compare main
//
// A separate package, so the main build and `swift test` do not fetch or build the harness.
import PackageDescription

let package = Package(
  name: "blotter-micro",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "blotter", path: "../.."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "HotLoops",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "BlotterCore", package: "blotter"),
      ],
      path: "Benchmarks/HotLoops",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
  ],
  swiftLanguageModes: [.v6]
)
