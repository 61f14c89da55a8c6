// swift-tools-version:6.1
// blotter — a search index for scraped local news about police work.
// Data flows one way: page → Extraction → Analysis → Indexing → Searching → Ingest → blotter
// CLI (ARCHITECTURE.md has the rule of what may depend on what).
import PackageDescription

let package = Package(
  name: "blotter",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "blotter", targets: ["blotter"]),
    // For the fuzz targets in Fuzz/ (a separate package): the pipeline as a library.
    .library(name: "BlotterCore", targets: ["Extraction", "Analysis", "Indexing", "Searching"]),
    // For other packages (Examples/search-folder): index a corpus folder (Ingest), open the index
    // (Indexing's IndexReader) and search it (Searching).
    .library(name: "Ingest", targets: ["Ingest", "Indexing", "Searching"]),
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
    .target(name: "Analysis", dependencies: ["CStemmer"], exclude: ["Entities/README.md"]),
    .target(name: "Indexing", dependencies: ["Analysis", "CCodecs"]),
    .target(
      name: "Searching",
      dependencies: ["Indexing", "Analysis", .product(name: "Collections", package: "swift-collections")]),

    // MARK: Library: corpus folder → index (walk, change detection, jobs, templates, documents)
    .target(
      name: "Ingest",
      dependencies: [
        "Extraction", "Analysis", "Indexing", "Searching", "CCodecs",
        .product(name: "DequeModule", package: "swift-collections"),
      ]),

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
        "Extraction", "Analysis", "Indexing", "Searching", "Ingest", "Server",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),

    // MARK: Tests
    // Helpers every test target shares (a seeded generator for randomized tests).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    // A small index whose entity mentions are written by hand (Searching's and the server's tests).
    .target(
      name: "IndexFixtures", dependencies: ["Analysis", "Indexing", "Searching"],
      path: "Tests/IndexFixtures"),
    .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "TestSupport"], resources: [.copy("Fixtures")]),
    .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "TestSupport"], exclude: ["Entities/Gold"]),
    .testTarget(name: "IndexingTests", dependencies: ["Indexing", "Analysis", "TestSupport"]),
    .testTarget(
      name: "SearchingTests", dependencies: ["Searching", "Indexing", "Analysis", "TestSupport", "IndexFixtures"]),
    .testTarget(
      name: "IngestTests",
      dependencies: ["Ingest", "Extraction", "Analysis", "Indexing", "Searching", "TestSupport"]),
    .testTarget(
      name: "ServerTests",
      dependencies: [
        "Server", "Searching", "Indexing", "Analysis", "TestSupport", "IndexFixtures",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    .testTarget(name: "BlotterCLITests", dependencies: ["blotter", "TestSupport"], exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
