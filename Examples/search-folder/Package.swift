// swift-tools-version:6.1
// An example client of the blotter library: index a folder of scraped pages and search it.
//   swift run search-folder ../../corpus "burglary Colchester"
import PackageDescription

let package = Package(
  name: "search-folder",
  platforms: [.macOS(.v14)],
  dependencies: [.package(name: "blotter", path: "../..")],
  targets: [
    .executableTarget(
      name: "search-folder", dependencies: [.product(name: "Ingest", package: "blotter")])
  ],
  swiftLanguageModes: [.v6]
)
