// swift-tools-version:6.1
// libFuzzer targets for blotter: the extractor (HTML, feeds, text, JSON Lines) and the query
// parser. Built and run by Scripts/fuzz.sh:
//   swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Crashers are kept in Regressions/<target>/ and replayed by the normal `swift test` of the
// parent package (Tests/ExtractionTests/FuzzRegressionTests.swift,
// Tests/SearchingTests/FuzzRegressionTests.swift).
import PackageDescription

let core = Target.Dependency.product(name: "BlotterCore", package: "blotter")

let package = Package(
  name: "blotter-fuzz",
  platforms: [.macOS(.v14)],
  dependencies: [.package(name: "blotter", path: "..")],
  targets: [
    .target(name: "CFuzzDriver"),
    .target(name: "FuzzShared", dependencies: [core, "CFuzzDriver"]),
    .executableTarget(name: "FuzzExtractHTML", dependencies: ["FuzzShared"]),
    .executableTarget(name: "FuzzExtractFeed", dependencies: ["FuzzShared"]),
    .executableTarget(name: "FuzzExtractText", dependencies: ["FuzzShared"]),
    .executableTarget(name: "FuzzExtractJSONL", dependencies: ["FuzzShared"]),
    .executableTarget(name: "FuzzQueryParser", dependencies: ["FuzzShared"]),
  ],
  swiftLanguageModes: [.v6]
)
