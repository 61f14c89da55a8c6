// swift-tools-version:6.1
// blotter — a search index for scraped local news about police work.
// Data flows one way: page → Extraction → Analysis → Indexing → Searching → blotter CLI.
import PackageDescription

/// Hot loops (postings decoding, scoring, analysis) run in classes whose fields would otherwise
/// pay for dynamic exclusivity checks on every access; the code never overlaps accesses.
let hotLoop: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
  name: "blotter",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "blotter", targets: ["blotter"]),
    // For the fuzz targets in Fuzz/ (a separate package): the pipeline as a library.
    .library(name: "BlotterCore", targets: ["Extraction", "Analysis", "Indexing", "Searching"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    // `blotter serve` (the Server target): HTTP and the page's templates. No optional traits
    // (swift-configuration support, full Foundation): the server needs neither.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // MARK: C libraries (system)
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
    .systemLibrary(name: "CCodecs", providers: [.apt(["zlib1g-dev", "liblz4-dev"])]),

    // MARK: Pipeline
    .target(name: "Extraction", dependencies: ["CLibXML2", "CCodecs"]),
    .target(name: "Analysis", dependencies: ["CStemmer"], exclude: ["Entities/README.md"], swiftSettings: hotLoop),
    .target(name: "Indexing", dependencies: ["Analysis", "CCodecs"], swiftSettings: hotLoop),
    .target(
      name: "Searching",
      dependencies: ["Indexing", "Analysis", .product(name: "Collections", package: "swift-collections")],
      swiftSettings: hotLoop),

    // MARK: Web app and JSON API (`blotter serve`): a client of Searching, nothing from the CLI.
    .target(
      name: "Server",
      dependencies: [
        "Searching", "Indexing", "Analysis",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      resources: [.copy("Templates"), .copy("Static")]),

    // MARK: CLI
    .executableTarget(
      name: "blotter",
      dependencies: [
        "Extraction", "Analysis", "Indexing", "Searching", "Server",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "DequeModule", package: "swift-collections"),
      ]),

    // MARK: Tests
    // Helpers every test target shares (a seeded generator for randomized tests).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "TestSupport"], resources: [.copy("Fixtures")]),
    .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "TestSupport"], exclude: ["Entities/Gold"]),
    .testTarget(name: "IndexingTests", dependencies: ["Indexing", "Analysis", "TestSupport"]),
    .testTarget(name: "SearchingTests", dependencies: ["Searching", "Indexing", "Analysis", "TestSupport"]),
    .testTarget(
      name: "ServerTests",
      dependencies: [
        "Server", "Searching", "Indexing", "Analysis", "TestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    .testTarget(name: "BlotterCLITests", dependencies: ["blotter", "TestSupport"], exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
